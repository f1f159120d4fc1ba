#include "hub/exchange/outbound_renderer.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "hub/common/log_text.h"
#include "spdlog/spdlog.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
namespace pv1 = rosa::plugin::v1;

// A new referral to this partner that carries identity in its format.
bool NeedsReferralIdentity(const Partner& partner, const v1::Event& event) {
  if (!event.has_referral()) return false;
  const v1::ReferralEvent& e = event.referral();
  const v1::ReferralType type = e.referral().type();
  return e.kind() == v1::ReferralEvent::KIND_SUBMITTED &&
         e.referral().recipient() == partner.id &&
         (type == v1::REFERRAL_TYPE_ASSISTED_RETURN ||
          type == v1::REFERRAL_TYPE_LEGAL_COUNSEL);
}

// A new handoff to this lawyer: its package carries identity.
bool NeedsHandoffIdentity(const Partner& partner, const v1::Event& event) {
  return event.has_handoff() && event.handoff().handoff().ledger_size() == 0 &&
         event.handoff().handoff().lawyer() == partner.id;
}

}  // namespace

std::optional<IdentitySubject> IdentitySubjectOf(const Partner& partner,
                                                 const v1::Event& event) {
  if (NeedsReferralIdentity(partner, event)) {
    const v1::Referral& r = event.referral().referral();
    return IdentitySubject{r.person_ref(), r.id()};
  }
  if (NeedsHandoffIdentity(partner, event)) {
    const v1::Handoff& h = event.handoff().handoff();
    return IdentitySubject{h.person_id(), h.id()};
  }
  return std::nullopt;
}

bool OutboundRenderer::NeedsIdentity(const Partner& partner,
                                     const v1::Event& event) {
  return IdentitySubjectOf(partner, event).has_value();
}

OutboundRenderer::OutboundRenderer(PluginHost* plugins, ReferralDesk* referrals,
                                   HandoffDesk* handoffs, pv1::Contact contact,
                                   IngestMetrics* metrics)
    : plugins_(plugins),
      referrals_(referrals),
      handoffs_(handoffs),
      contact_(std::move(contact)),
      metrics_(metrics) {}

void OutboundRenderer::Render(
    const Partner& partner, v1::Event event,
    std::function<void(absl::StatusOr<Payloads>)> done) {
  if (NeedsReferralIdentity(partner, event)) {
    v1::GetReferralRequest get;
    get.set_referral_id(event.referral().referral().id());
    auto shared = std::make_shared<v1::Event>(std::move(event));
    referrals_->Get(partner, get,
                    [this, partner, shared,
                     done = std::move(done)](absl::StatusOr<v1::Referral> r) {
                      if (r.ok() && r->has_shared_identity()) {
                        *shared->mutable_referral()
                             ->mutable_referral()
                             ->mutable_shared_identity() = r->shared_identity();
                      }
                      // Off the writer thread this callback runs on.
                      encoders_.Submit([this, partner, shared, done] {
                        Encode(partner, std::move(*shared), done);
                      });
                    });
    return;
  }
  if (NeedsHandoffIdentity(partner, event)) {
    v1::GetHandoffRequest get;
    get.set_handoff_id(event.handoff().handoff().id());
    auto shared = std::make_shared<v1::Event>(std::move(event));
    handoffs_->Get(
        partner, get, absl::Now() + absl::Seconds(30),
        [this, partner, shared,
         done = std::move(done)](absl::StatusOr<v1::Handoff> h) {
          if (h.ok() && h->has_identity()) {
            *shared->mutable_handoff()->mutable_handoff()->mutable_identity() =
                h->identity();
          }
          // Off the writer thread this callback runs on.
          encoders_.Submit([this, partner, shared, done] {
            Encode(partner, std::move(*shared), done);
          });
        });
    return;
  }
  Encode(partner, std::move(event), done);
}

void OutboundRenderer::Encode(
    const Partner& partner, v1::Event event,
    const std::function<void(absl::StatusOr<Payloads>)>& done) {
  std::shared_ptr<const LoadedPlugin> plugin = plugins_->Find(partner.plugin);
  if (plugin == nullptr) {
    done(absl::UnavailableError(
        absl::StrCat("plugin ", partner.plugin, " is not loaded")));
    return;
  }
  pv1::EncodeRequest request;
  const uint64_t cursor = event.cursor();
  *request.mutable_event() = std::move(event);
  request.mutable_recipient()->set_partner_id(partner.id);
  request.mutable_recipient()->set_kind(partner.kind);
  *request.mutable_contact() = contact_;
  auto encoded = plugin->Encode(request);
  if (!encoded.ok()) {
    // A plugin failure must not stop delivery of everything after it.
    if (metrics_ != nullptr) metrics_->PluginError(plugin->name(), "encode");
    spdlog::error("outbound: {} event {}: {}", partner.id, cursor,
                  EscapeForLog(std::string(encoded.status().message())));
    done(Payloads{});
    return;
  }
  if (encoded->has_error()) {
    // The plugin's words, escaped and cut short: a plugin is not trusted
    // with the log.
    spdlog::warn("outbound: {} event {} not rendered by {}: {}: {}", partner.id,
                 cursor, plugin->name(),
                 EscapeForLog(encoded->error().field(), 64),
                 EscapeForLog(encoded->error().reason(), 160));
    done(Payloads{});
    return;
  }
  done(Payloads(encoded->payloads().begin(), encoded->payloads().end()));
}

}  // namespace rosa
