// Turning an outbox event into the bytes a partner's own system reads: the
// partner's plugin encodes it. The event is already minimised for the
// partner. Where the partner's format carries the person's identity (IOM's
// AvrrReferral, a lawyer's handoff package), it is attached here, at
// delivery time, through the desks' audited identity reads — which re-check
// consent — and never from the outbox, which holds no identity.
//
// The identity read runs on the store's writer (its audit entry commits
// before the identity leaves); the plugin's encoding never does: after an
// identity read it runs on the renderer's own small worker pool, so that a
// partner re-reading its stream from the start cannot keep the single
// writer busy encoding.
//
// Thread-safety: safe to call from any thread; `done` runs on the caller's
// thread, a store reader thread or a renderer worker, never on the store's
// writer thread, and must not block.
#ifndef ROSA_HUB_EXCHANGE_OUTBOUND_RENDERER_H_
#define ROSA_HUB_EXCHANGE_OUTBOUND_RENDERER_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hub/common/task_pool.h"
#include "hub/exchange/ingest_metrics.h"
#include "hub/handoff/handoff_desk.h"
#include "hub/plugin_host/plugin_host.h"
#include "hub/referral/referral_desk.h"
#include "rosa/hub/v1/event.pb.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa {

// Whose identity rendering an event may attach, and through which object.
struct IdentitySubject {
  std::string person_id;
  std::string object_id;  // The referral or handoff.
};

// For an event whose rendering for `partner` may carry identity — a new
// assisted-return or legal-counsel referral to the partner, a new handoff
// to this lawyer — the person and object; nullopt for every other event.
// Render attaches identity only to these events; a transport that keeps
// rendered bytes (the file drop) records them as exchange files
// (hub/consent/exchange_files.h).
std::optional<IdentitySubject> IdentitySubjectOf(
    const Partner& partner, const rosa::hub::v1::Event& event);

class OutboundRenderer {
 public:
  using Payloads = std::vector<rosa::plugin::v1::EncodedPayload>;

  // REQUIRES: everything outlives the renderer.
  // `metrics` (may be null) counts plugin failures.
  OutboundRenderer(PluginHost* plugins, ReferralDesk* referrals,
                   HandoffDesk* handoffs, rosa::plugin::v1::Contact contact,
                   IngestMetrics* metrics = nullptr);

  // The payloads for `event` in `partner`'s format: none when the event
  // means nothing in that format, or when the plugin cannot render it (for
  // instance an AvrrReferral whose consent was withdrawn): that is logged
  // by cursor, and delivery goes on with the next event.
  void Render(const Partner& partner, rosa::hub::v1::Event event,
              std::function<void(absl::StatusOr<Payloads>)> done);

  // Whether rendering `event` for `partner` reads the person's identity
  // (an audited operation on the store's writer).
  static bool NeedsIdentity(const Partner& partner,
                            const rosa::hub::v1::Event& event);

 private:
  void Encode(const Partner& partner, rosa::hub::v1::Event event,
              const std::function<void(absl::StatusOr<Payloads>)>& done);

  PluginHost* plugins_;
  ReferralDesk* referrals_;
  HandoffDesk* handoffs_;
  rosa::plugin::v1::Contact contact_;
  IngestMetrics* const metrics_;
  // Encodes after identity reads, off the writer. Last member: destroyed
  // first, running what is queued while the rest is still alive.
  TaskPool encoders_{2};
};

}  // namespace rosa

#endif  // ROSA_HUB_EXCHANGE_OUTBOUND_RENDERER_H_
