#include "hub/outbox/free_text.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "hub/common/status_macros.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

// A free-text field of a message: the name it is sealed under and where
// its text lives in the message.
struct Slot {
  std::string field;
  std::string* text;
};

void AddReferralSlots(v1::Referral& r, std::vector<Slot>& slots) {
  slots.push_back({kReferralNoteField, r.mutable_note()});
  for (int i = 0; i < r.history_size(); ++i) {
    slots.push_back(
        {absl::StrCat("reason.", i), r.mutable_history(i)->mutable_reason()});
  }
  if (r.has_assisted_return()) {
    slots.push_back(
        {"return_note", r.mutable_assisted_return()->mutable_note()});
  }
}

void AddHandoffSlots(v1::Handoff& h, std::vector<Slot>& slots) {
  slots.push_back({kCaseSummaryField, h.mutable_case_summary()});
  for (int i = 0; i < h.ledger_size(); ++i) {
    v1::HandoffEvent* e = h.mutable_ledger(i)->mutable_event();
    std::string* text = nullptr;
    if (e->has_declined()) {
      text = e->mutable_declined()->mutable_reason();
    } else if (e->has_report_filed()) {
      text = e->mutable_report_filed()->mutable_offence();
    } else if (e->has_closed()) {
      text = e->mutable_closed()->mutable_summary();
    }
    if (text != nullptr) slots.push_back({absl::StrCat("ledger.", i), text});
  }
}

// The free-text slots of an event and the id of the object they belong
// to ("" if the event is about neither a referral nor a handoff).
std::vector<Slot> EventSlots(v1::Event& event, std::string& object_id) {
  std::vector<Slot> slots;
  if (event.has_referral()) {
    v1::ReferralEvent* body = event.mutable_referral();
    v1::Referral* r = body->mutable_referral();
    object_id = r->id();
    AddReferralSlots(*r, slots);
    // The step the event reports is the referral's last one.
    if (body->has_transition() && r->history_size() > 0) {
      slots.push_back({absl::StrCat("reason.", r->history_size() - 1),
                       body->mutable_transition()->mutable_reason()});
    }
  } else if (event.has_handoff()) {
    v1::Handoff* h = event.mutable_handoff()->mutable_handoff();
    object_id = h->id();
    AddHandoffSlots(*h, slots);
  }
  return slots;
}

std::vector<FreeText> Take(const std::vector<Slot>& slots) {
  std::vector<FreeText> taken;
  taken.reserve(slots.size());
  for (const Slot& slot : slots) {
    taken.push_back({slot.field, std::move(*slot.text)});
    slot.text->clear();
  }
  return taken;
}

absl::Status PutBack(store::Connection& conn, const SealedTexts& texts,
                     const std::string& object_id,
                     const std::vector<Slot>& slots) {
  for (const Slot& slot : slots) {
    ASSIGN_OR_RETURN(*slot.text, texts.Open(conn, object_id, slot.field));
  }
  return absl::OkStatus();
}

}  // namespace

std::vector<FreeText> TakeFreeText(v1::Referral& referral) {
  std::vector<Slot> slots;
  AddReferralSlots(referral, slots);
  return Take(slots);
}

std::vector<FreeText> TakeFreeText(v1::Handoff& handoff) {
  std::vector<Slot> slots;
  AddHandoffSlots(handoff, slots);
  return Take(slots);
}

std::string TakeEventFreeText(v1::Event& event) {
  std::string object_id;
  std::vector<std::string> fields;
  for (FreeText& t : Take(EventSlots(event, object_id))) {
    if (t.text.empty()) continue;
    // The transition's reason and the last step's are one field.
    if (std::find(fields.begin(), fields.end(), t.field) != fields.end()) {
      continue;
    }
    fields.push_back(std::move(t.field));
  }
  if (fields.empty()) return "";
  return absl::StrCat(object_id, "|", absl::StrJoin(fields, "|"));
}

absl::Status PutBackFreeText(store::Connection& conn, const SealedTexts& texts,
                             v1::Referral& referral) {
  std::vector<Slot> slots;
  AddReferralSlots(referral, slots);
  return PutBack(conn, texts, referral.id(), slots);
}

absl::Status PutBackFreeText(store::Connection& conn, const SealedTexts& texts,
                             v1::Handoff& handoff) {
  std::vector<Slot> slots;
  AddHandoffSlots(handoff, slots);
  return PutBack(conn, texts, handoff.id(), slots);
}

absl::Status PutBackEventFreeText(store::Connection& conn,
                                  const SealedTexts& texts,
                                  const std::string& reference,
                                  v1::Event& event) {
  std::string object_id;
  const std::vector<Slot> slots = EventSlots(event, object_id);
  std::vector<std::string> fields = absl::StrSplit(reference, '|');
  if (fields.size() == 1) {  // An older hub's reference: the object alone.
    fields.push_back(event.has_handoff() ? kCaseSummaryField
                                         : kReferralNoteField);
  }
  for (size_t i = 1; i < fields.size(); ++i) {
    ASSIGN_OR_RETURN(std::string text, texts.Open(conn, fields[0], fields[i]));
    for (const Slot& slot : slots) {
      if (slot.field == fields[i]) *slot.text = text;
    }
  }
  return absl::OkStatus();
}

}  // namespace rosa
