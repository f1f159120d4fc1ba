// PartnerClient, request builders and status printing.
#include "tests/integration/hub_client.h"

#include <chrono>

#include <atomic>
#include <random>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace grpc {

void PrintTo(const Status& status, std::ostream* os) {
  *os << ::rosa::integration::StatusText(status);
}

}  // namespace grpc

namespace rosa::integration {
namespace {

using hub::v1::GetReferralRequest;
using hub::v1::ListReferralsRequest;
using hub::v1::ListReferralsResponse;
using hub::v1::Referral;
using hub::v1::ReferralState;
using hub::v1::ReferralType;
using hub::v1::SubmitReferralRequest;
using hub::v1::SubmitReferralResponse;
using hub::v1::UpdateReferralStatusRequest;

// A per-process random tag, so that names from two test processes differ.
const std::string& ProcessTag() {
  static const std::string* tag = [] {
    static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::random_device device;
    std::mt19937 rng(device());
    std::uniform_int_distribution<int> pick(0, sizeof(kAlphabet) - 2);
    auto* s = new std::string;
    for (int i = 0; i < 6; ++i) s->push_back(kAlphabet[pick(rng)]);
    return s;
  }();
  return *tag;
}

uint64_t NextSerial() {
  static std::atomic<uint64_t> serial{0};
  return ++serial;
}

}  // namespace

std::string StatusCodeName(grpc::StatusCode code) {
  // gRPC's codes are absl's, value for value.
  const std::string name =
      absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
  return name.empty() ? absl::StrCat("CODE_", static_cast<int>(code)) : name;
}

std::string StatusText(const grpc::Status& status) {
  if (status.ok()) return "OK";
  return absl::StrCat(StatusCodeName(status.error_code()), ": ",
                      status.error_message());
}

std::unique_ptr<grpc::ClientContext> ContextWithDeadline(
    absl::Duration timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  return context;
}

std::string NewPersonRef() {
  // "P-" + 6 random + 6 digits: 14 characters, all [A-Z0-9].
  std::string serial = absl::StrCat(NextSerial());
  if (serial.size() < 6) serial.insert(0, 6 - serial.size(), '0');
  return absl::StrCat("P-", ProcessTag(), serial);
}

std::string NewIdempotencyKey(std::string_view prefix) {
  return absl::StrCat(std::string(prefix), "-", ProcessTag(), "-",
                      NextSerial());
}

SubmitReferralRequest NewReferralRequest(std::string_view recipient,
                                         ReferralType type) {
  SubmitReferralRequest request;
  request.set_idempotency_key(NewIdempotencyKey("submit"));
  request.set_recipient(std::string(recipient));
  request.set_type(type);
  request.set_person_ref(NewPersonRef());
  auto* facts = request.mutable_facts();
  // Safe House Filemon takes men only; everyone else here takes women.
  facts->set_gender(recipient == "filemon" ? hub::v1::GENDER_MAN
                                           : hub::v1::GENDER_WOMAN);
  facts->set_age(29);
  facts->set_nationality("RO");
  facts->set_exploitation_form(hub::v1::EXPLOITATION_FORM_SEXUAL);
  facts->add_languages("ro");
  facts->add_languages("en");
  facts->add_needs(hub::v1::NEED_INTERPRETER);
  request.set_note("Needs a place within two days.");
  return request;
}

UpdateReferralStatusRequest NewUpdateRequest(
    std::string_view referral_id, ReferralState target, std::string_view reason,
    std::optional<uint32_t> nights_stayed) {
  UpdateReferralStatusRequest request;
  request.set_idempotency_key(NewIdempotencyKey("update"));
  request.set_referral_id(std::string(referral_id));
  request.set_target(target);
  request.set_reason(std::string(reason));
  if (nights_stayed.has_value()) request.set_nights_stayed(*nights_stayed);
  return request;
}

PartnerClient::PartnerClient(std::shared_ptr<grpc::Channel> channel)
    : channel_(std::move(channel)),
      referrals_(hub::v1::ReferralService::NewStub(channel_)),
      events_(hub::v1::EventService::NewStub(channel_)) {}

grpc::Status PartnerClient::RegisterPersonWithConsent(
    std::string_view partner, hub::v1::ConsentPurpose purpose,
    std::string* person_id) {
  auto persons = hub::v1::PersonService::NewStub(channel_);
  hub::v1::RegisterPersonRequest person;
  person.set_idempotency_key(NewIdempotencyKey("person"));
  person.mutable_identity()->set_given_name("Ioana");
  person.mutable_identity()->set_family_name("Testescu");
  person.mutable_identity()->set_phone("+40712345678");
  person.mutable_profile()->set_gender(hub::v1::GENDER_WOMAN);
  person.mutable_profile()->set_birth_year(1995);
  person.mutable_profile()->set_nationality("RO");
  person.mutable_registration_consent_given_at()->set_seconds(
      std::chrono::duration_cast<std::chrono::seconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count() -
      3600);
  hub::v1::Person registered;
  grpc::Status status = persons->RegisterPerson(ContextWithDeadline().get(),
                                                person, &registered);
  if (!status.ok()) return status;
  auto consents = hub::v1::ConsentService::NewStub(channel_);
  hub::v1::GiveConsentRequest consent;
  consent.set_idempotency_key(NewIdempotencyKey("consent"));
  consent.set_person_id(registered.id());
  consent.mutable_scope()->set_partner_id(std::string(partner));
  consent.set_purpose(purpose);
  hub::v1::Consent given;
  status = consents->GiveConsent(ContextWithDeadline().get(), consent, &given);
  if (status.ok()) *person_id = registered.id();
  return status;
}

grpc::Status PlaceAndArrive(PartnerClient& rosa, PartnerClient& facility,
                            std::string_view facility_id,
                            hub::v1::Gender gender, std::string* person_ref) {
  SubmitReferralRequest request = NewReferralRequest(facility_id);
  request.mutable_facts()->set_gender(gender);
  SubmitReferralResponse response;
  grpc::Status status = rosa.Submit(request, &response);
  for (ReferralState step :
       {hub::v1::REFERRAL_STATE_RECEIVED, hub::v1::REFERRAL_STATE_ACCEPTED,
        hub::v1::REFERRAL_STATE_IN_PROGRESS}) {
    if (!status.ok()) return status;
    status = facility.Move(response.referral().id(), step);
  }
  if (status.ok()) *person_ref = request.person_ref();
  return status;
}

grpc::Status PartnerClient::Submit(const SubmitReferralRequest& request,
                                   SubmitReferralResponse* response) {
  auto context = ContextWithDeadline();
  return referrals_->SubmitReferral(context.get(), request, response);
}

grpc::Status PartnerClient::Get(std::string_view referral_id,
                                Referral* referral) {
  GetReferralRequest request;
  request.set_referral_id(std::string(referral_id));
  auto context = ContextWithDeadline();
  return referrals_->GetReferral(context.get(), request, referral);
}

grpc::Status PartnerClient::Update(const UpdateReferralStatusRequest& request,
                                   Referral* referral) {
  auto context = ContextWithDeadline();
  return referrals_->UpdateReferralStatus(context.get(), request, referral);
}

grpc::Status PartnerClient::Move(std::string_view referral_id,
                                 ReferralState target, Referral* referral,
                                 std::string_view reason,
                                 std::optional<uint32_t> nights_stayed) {
  Referral ignored;
  return Update(NewUpdateRequest(referral_id, target, reason, nights_stayed),
                referral != nullptr ? referral : &ignored);
}

grpc::Status PartnerClient::List(const ListReferralsRequest& request,
                                 ListReferralsResponse* response) {
  auto context = ContextWithDeadline();
  return referrals_->ListReferrals(context.get(), request, response);
}

grpc::Status PartnerClient::ListAll(ListReferralsRequest request,
                                    std::vector<Referral>* referrals,
                                    int* pages) {
  referrals->clear();
  if (pages != nullptr) *pages = 0;
  // A hub that keeps returning a token would loop forever; 10000 pages is
  // far more than any test makes.
  for (int page = 0; page < 10000; ++page) {
    ListReferralsResponse response;
    grpc::Status status = List(request, &response);
    if (!status.ok()) return status;
    if (pages != nullptr) ++*pages;
    for (Referral& r : *response.mutable_referrals()) {
      referrals->push_back(std::move(r));
    }
    if (response.next_page_token().empty()) return grpc::Status::OK;
    request.set_page_token(response.next_page_token());
  }
  return grpc::Status(grpc::StatusCode::INTERNAL,
                      "ListAll: the hub never returned a last page");
}

std::vector<std::string> Ids(const std::vector<Referral>& referrals) {
  std::vector<std::string> ids;
  ids.reserve(referrals.size());
  for (const Referral& r : referrals) ids.push_back(r.id());
  return ids;
}

}  // namespace rosa::integration
