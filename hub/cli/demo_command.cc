#include "hub/cli/demo_command.h"

#include <openssl/rand.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "hub/client/partner_channel.h"
#include "hub/referral/referral_state_machine.h"
#include "rosa/hub/v1/event_service.grpc.pb.h"
#include "rosa/hub/v1/referral_service.grpc.pb.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

std::string RandomToken(size_t bytes) {
  std::string raw(bytes, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()),
             static_cast<int>(raw.size()));
  return absl::AsciiStrToUpper(absl::BytesToHexString(raw));
}

grpc::ClientContext* WithDeadline(grpc::ClientContext& ctx) {
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return &ctx;
}

void PrintEvent(const v1::Event& event) {
  const v1::ReferralEvent& e = event.referral();
  std::cout << "  [rosa watch] cursor " << event.cursor() << ": "
            << e.referral().id() << " ";
  if (e.kind() == v1::ReferralEvent::KIND_SUBMITTED) {
    std::cout << "submitted";
  } else {
    std::cout << ReferralStateName(e.transition().from()) << " -> "
              << ReferralStateName(e.transition().to());
  }
  std::cout << " by " << e.transition().actor() << std::endl;
}

bool Check(const grpc::Status& status, const char* step) {
  if (status.ok()) return true;
  std::cerr << step << " failed: " << status.error_message() << std::endl;
  return false;
}

}  // namespace

int RunDemo(const DemoOptions& options) {
  auto rosa_channel =
      MakePartnerChannel(options.target, options.pki_dir, "rosa");
  auto centre_channel =
      MakePartnerChannel(options.target, options.pki_dir, "ks-oslo");
  if (!rosa_channel.ok() || !centre_channel.ok()) {
    std::cerr << "cannot read the partner certificates in " << options.pki_dir
              << "; start the hub first (deploy/run-hub.sh)" << std::endl;
    return 1;
  }
  auto rosa_referrals = v1::ReferralService::NewStub(*rosa_channel);
  auto rosa_events = v1::EventService::NewStub(*rosa_channel);
  auto centre = v1::ReferralService::NewStub(*centre_channel);

  // ROSA watches from now on, in the background.
  grpc::ClientContext watch_ctx;
  v1::WatchRequest watch_request;
  watch_request.set_from_now(true);
  auto reader = rosa_events->Watch(&watch_ctx, watch_request);
  std::string referral_id;
  std::thread watcher([&] {
    v1::Event event;
    int seen = 0;
    while (reader->Read(&event)) {
      if (event.referral().referral().id() != referral_id &&
          !referral_id.empty()) {
        continue;  // Someone else's traffic on a shared hub.
      }
      PrintEvent(event);
      if (++seen == 4) break;
    }
  });
  // Give the stream a moment to open, so that "from now" includes the
  // submission below.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));

  std::cout << "ROSA refers a woman (29, RO, acute) to Oslo krisesenter"
            << std::endl;
  v1::SubmitReferralRequest submit;
  submit.set_idempotency_key(absl::StrCat("demo-", RandomToken(8)));
  submit.set_recipient("ks-oslo");
  submit.set_type(v1::REFERRAL_TYPE_PLACEMENT);
  submit.set_person_ref(absl::StrCat("P-", RandomToken(4)));
  v1::PersonFacts* facts = submit.mutable_facts();
  facts->set_gender(v1::GENDER_WOMAN);
  facts->set_age(29);
  facts->set_nationality("RO");
  facts->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
  facts->add_languages("ro");
  facts->add_languages("en");
  facts->add_needs(v1::NEED_INTERPRETER);
  facts->set_acute(true);
  v1::SubmitReferralResponse submitted;
  grpc::ClientContext submit_ctx;
  if (!Check(rosa_referrals->SubmitReferral(WithDeadline(submit_ctx), submit,
                                            &submitted),
             "submit")) {
    watch_ctx.TryCancel();
    watcher.join();
    return 1;
  }
  referral_id = submitted.referral().id();
  std::cout << "  submitted " << referral_id << std::endl;

  const std::pair<v1::ReferralState, const char*> steps[] = {
      {v1::REFERRAL_STATE_RECEIVED, "the centre marks it received"},
      {v1::REFERRAL_STATE_ACCEPTED, "the centre accepts"},
      {v1::REFERRAL_STATE_IN_PROGRESS, "she arrives"},
  };
  for (const auto& [target, text] : steps) {
    std::cout << text << std::endl;
    v1::UpdateReferralStatusRequest update;
    update.set_idempotency_key(absl::StrCat("demo-", RandomToken(8)));
    update.set_referral_id(referral_id);
    update.set_target(target);
    v1::Referral updated;
    grpc::ClientContext ctx;
    if (!Check(
            centre->UpdateReferralStatus(WithDeadline(ctx), update, &updated),
            text)) {
      watch_ctx.TryCancel();
      watcher.join();
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  // Wait for the stream to show all four steps, or give up after 10 s.
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::seconds(10));
    watch_ctx.TryCancel();
  });
  canceller.detach();
  watcher.join();
  std::cout << "done: ROSA saw every step of " << referral_id << std::endl;
  return 0;
}

}  // namespace rosa
