// The one home of which fields of a referral or handoff are free text that
// partners and coordinators type (and so may name people, places and phone
// numbers), and of the names under which each is sealed in the text vault
// (hub/person/text_vault.h):
//
//   referral  "note"            the sender's note
//             "reason.<i>"      history[i].reason (a rejection, cancellation)
//             "return_note"     assisted_return.note (IOM's note)
//   handoff   "case_summary"    the coordinator's case summary
//             "ledger.<i>"      ledger[i]: declined.reason,
//                               report_filed.offence or closed.summary
//
// Stored copies (rows, outbox events, idempotency answers) keep none of
// them: Take* removes them (leaving the rest of the message, including the
// empty sub-message that says which ledger event it was), PutBack* opens
// them again from the vault. An event also carries its referral's last
// step as `transition`; its reason is the last "reason.<i>".
//
// Thread-safety: pure functions, except PutBack*, which read through the
// calling thread's connection.
#ifndef ROSA_HUB_OUTBOX_FREE_TEXT_H_
#define ROSA_HUB_OUTBOX_FREE_TEXT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "hub/outbox/outbox.h"
#include "rosa/hub/v1/event.pb.h"
#include "rosa/hub/v1/handoff.pb.h"
#include "rosa/hub/v1/referral.pb.h"

namespace rosa {

// One free-text field: the name it is sealed under and its text ("" when
// the field is empty).
struct FreeText {
  std::string field;
  std::string text;
};

// Takes every free-text field out of the message and returns each field
// it has a place for, empty ones included (sealing "" removes an earlier
// value).
std::vector<FreeText> TakeFreeText(rosa::hub::v1::Referral& referral);
std::vector<FreeText> TakeFreeText(rosa::hub::v1::Handoff& handoff);

// Takes the free text out of an event's referral (and its transition) or
// handoff. Returns the reference to keep beside the event: "" if it
// carried none, else "<object id>|<field>|<field>..." naming only the
// fields that were not empty (so a field minimisation left out stays out).
std::string TakeEventFreeText(rosa::hub::v1::Event& event);

// Puts back every free-text field of the message from `texts` ("" where
// nothing is sealed or its person was erased).
absl::Status PutBackFreeText(store::Connection& conn, const SealedTexts& texts,
                             rosa::hub::v1::Referral& referral);
absl::Status PutBackFreeText(store::Connection& conn, const SealedTexts& texts,
                             rosa::hub::v1::Handoff& handoff);

// Puts back into `event` the fields `reference` (from TakeEventFreeText)
// names. A reference without '|' is the object id alone, as hubs before
// this scheme kept it: the note of a referral, the summary of a handoff.
absl::Status PutBackEventFreeText(store::Connection& conn,
                                  const SealedTexts& texts,
                                  const std::string& reference,
                                  rosa::hub::v1::Event& event);

}  // namespace rosa

#endif  // ROSA_HUB_OUTBOX_FREE_TEXT_H_
