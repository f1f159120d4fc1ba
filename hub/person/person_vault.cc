// The person vault over the persons and person_fields tables. Statuses name
// person ids (pseudonymous) and field names, never a value, a key or a
// ciphertext.
#include "hub/person/person_vault.h"

#include <openssl/crypto.h>

#include <array>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "hub/common/status_macros.h"
#include "hub/crypto/envelope.h"
#include "hub/person/key_rewrap.h"
#include "rosa/hub/v1/event.pb.h"
#include "rosa/hub/v1/handoff.pb.h"
#include "rosa/hub/v1/inquiry.pb.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

// The identifying fields: their stored names and accessors.
struct IdentityField {
  const char* name;
  const std::string& (v1::PersonIdentity::*get)() const;
  std::string* (v1::PersonIdentity::*mutable_value)();
};

constexpr std::array<IdentityField, 6> kIdentityFields = {{
    {"given_name", &v1::PersonIdentity::given_name,
     &v1::PersonIdentity::mutable_given_name},
    {"family_name", &v1::PersonIdentity::family_name,
     &v1::PersonIdentity::mutable_family_name},
    {"birth_date", &v1::PersonIdentity::birth_date,
     &v1::PersonIdentity::mutable_birth_date},
    {"duf_number", &v1::PersonIdentity::duf_number,
     &v1::PersonIdentity::mutable_duf_number},
    {"phone", &v1::PersonIdentity::phone, &v1::PersonIdentity::mutable_phone},
    {"contact_address", &v1::PersonIdentity::contact_address,
     &v1::PersonIdentity::mutable_contact_address},
}};

const IdentityField* FindField(const std::string& name) {
  for (const IdentityField& f : kIdentityFields) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

absl::Status PersonNotFound(const std::string& id) {
  return absl::NotFoundError(absl::StrCat("person ", id, " not found"));
}

// The stored columns of one person, without the fields.
struct PersonRow {
  v1::Person person;  // id, profile, registered_at, registered_by
  crypto::WrappedKey wrapped;
  uint32_t key_version = 0;
};

absl::StatusOr<std::optional<PersonRow>> LoadRow(store::Connection& conn,
                                                 const std::string& id) {
  ASSIGN_OR_RETURN(
      auto stmt,
      conn.Prepare("SELECT registered_us, registered_by, profile, kek_version,"
                   " wrapped_key, key_version FROM persons WHERE id = ?1"));
  stmt->Bind(1, id);
  ASSIGN_OR_RETURN(bool found, stmt->Step());
  if (!found) return std::nullopt;
  PersonRow row;
  row.person.set_id(id);
  *row.person.mutable_registered_at() =
      ToProtoTime(FromUnixMicrosStored(stmt->ColumnInt(0)));
  row.person.set_registered_by(stmt->ColumnText(1));
  if (!row.person.mutable_profile()->ParseFromString(stmt->ColumnBlob(2))) {
    return absl::DataLossError(
        absl::StrCat("person ", id, ": stored profile does not parse"));
  }
  row.wrapped.kek_version = static_cast<uint32_t>(stmt->ColumnInt(3));
  row.wrapped.sealed = stmt->ColumnBlob(4);
  row.key_version = static_cast<uint32_t>(stmt->ColumnInt(5));
  return row;
}

// Overwrites every identity value in memory before it is dropped.
void WipeIdentity(v1::PersonIdentity& identity) {
  for (const IdentityField& field : kIdentityFields) {
    std::string* value = (identity.*field.mutable_value)();
    OPENSSL_cleanse(value->data(), value->size());
  }
  identity.Clear();
}

// Every stored failure to unwrap or decrypt is DATA_LOSS: the hub wrote
// these values itself, so a value that does not open was damaged or moved.
absl::Status Undecryptable(const std::string& id, const std::string& what) {
  return absl::DataLossError(
      absl::StrCat("person ", id, ": ", what, " cannot be decrypted"));
}

}  // namespace

absl::Status PersonVault::Insert(store::Connection& conn,
                                 const v1::Person& person) {
  const std::string& id = person.id();
  ASSIGN_OR_RETURN(crypto::DataKey data_key, crypto::DataKey::Generate());
  ASSIGN_OR_RETURN(crypto::WrappedKey wrapped,
                   crypto::WrapDataKey(*keks_, id, data_key));
  {
    ASSIGN_OR_RETURN(
        auto stmt,
        conn.Prepare("INSERT INTO persons(id, registered_us, registered_by,"
                     " profile, kek_version, wrapped_key, key_version)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    stmt->Bind(1, id)
        .Bind(2, ToUnixMicrosStored(FromProtoTime(person.registered_at())))
        .Bind(3, person.registered_by())
        .BindBlob(4, person.profile().SerializeAsString())
        .Bind(5, static_cast<int64_t>(wrapped.kek_version))
        .BindBlob(6, wrapped.sealed)
        .Bind(7, static_cast<int64_t>(crypto::kDataKeyVersion));
    RETURN_IF_ERROR(stmt->Run());
  }
  ASSIGN_OR_RETURN(
      auto stmt,
      conn.Prepare("INSERT INTO person_fields(person_id, field, ciphertext)"
                   " VALUES (?1, ?2, ?3)"));
  for (const IdentityField& field : kIdentityFields) {
    const std::string& value = (person.identity().*field.get)();
    if (value.empty()) continue;
    ASSIGN_OR_RETURN(std::string sealed,
                     crypto::EncryptField(data_key, id, field.name,
                                          crypto::kDataKeyVersion, value));
    stmt->Reset();
    stmt->Bind(1, id).Bind(2, field.name).BindBlob(3, sealed);
    RETURN_IF_ERROR(stmt->Run());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<crypto::DataKey>> PersonVault::DataKeyOf(
    store::Connection& conn, const std::string& person_id) const {
  ASSIGN_OR_RETURN(std::optional<PersonRow> row, LoadRow(conn, person_id));
  if (!row.has_value()) return std::nullopt;
  absl::StatusOr<crypto::DataKey> data_key =
      crypto::UnwrapDataKey(*keks_, person_id, row->wrapped);
  if (!data_key.ok()) return Undecryptable(person_id, "the data key");
  return std::optional<crypto::DataKey>(*std::move(data_key));
}

absl::StatusOr<v1::Person> PersonVault::LoadProfile(
    store::Connection& conn, const std::string& person_id) {
  ASSIGN_OR_RETURN(std::optional<PersonRow> row, LoadRow(conn, person_id));
  if (!row.has_value()) return PersonNotFound(person_id);
  return std::move(row->person);
}

absl::Status PersonVault::UpdateProfile(store::Connection& conn,
                                        const std::string& person_id,
                                        const v1::PersonProfile& profile) {
  ASSIGN_OR_RETURN(auto stmt, conn.Prepare("UPDATE persons SET profile = ?2"
                                           " WHERE id = ?1"));
  stmt->Bind(1, person_id).BindBlob(2, profile.SerializeAsString());
  RETURN_IF_ERROR(stmt->Run());
  if (conn.changes() != 1) return PersonNotFound(person_id);
  return absl::OkStatus();
}

absl::StatusOr<v1::Person> PersonVault::Load(store::Connection& conn,
                                             const std::string& person_id) {
  store::ReadTransaction read(conn);
  RETURN_IF_ERROR(read.status());
  ASSIGN_OR_RETURN(std::optional<PersonRow> row, LoadRow(conn, person_id));
  if (!row.has_value()) return PersonNotFound(person_id);
  absl::StatusOr<crypto::DataKey> data_key =
      crypto::UnwrapDataKey(*keks_, person_id, row->wrapped);
  if (!data_key.ok()) return Undecryptable(person_id, "the data key");

  ASSIGN_OR_RETURN(auto stmt,
                   conn.Prepare("SELECT field, ciphertext FROM person_fields"
                                " WHERE person_id = ?1"));
  stmt->Bind(1, person_id);
  v1::Person person = std::move(row->person);
  for (;;) {
    ASSIGN_OR_RETURN(bool found, stmt->Step());
    if (!found) break;
    const std::string name = stmt->ColumnText(0);
    const IdentityField* field = FindField(name);
    if (field == nullptr) {
      return absl::DataLossError(absl::StrCat(
          "person ", person_id, ": stored identity has an unknown field"));
    }
    absl::StatusOr<std::string> value =
        crypto::DecryptField(*data_key, person_id, field->name,
                             row->key_version, stmt->ColumnBlob(1));
    if (!value.ok()) {
      WipeIdentity(*person.mutable_identity());
      return Undecryptable(person_id, absl::StrCat("field ", name));
    }
    *(person.mutable_identity()->*field->mutable_value)() = std::move(*value);
  }
  return person;
}

namespace {

// A person's handoffs carry a case summary, free text about the person, and
// copies of each handoff sit in idempotency records and outbox events. The
// records go; each event keeps its cursor, so every partner's stream stays
// without gaps, but loses its body.
absl::Status ForgetHandoffCopies(store::Connection& conn,
                                 const std::string& person_id) {
  std::vector<std::string> handoff_ids;
  {
    ASSIGN_OR_RETURN(
        auto stmt,
        conn.Prepare("SELECT id FROM handoffs WHERE person_id = ?1"));
    stmt->Bind(1, person_id);
    for (;;) {
      ASSIGN_OR_RETURN(bool found, stmt->Step());
      if (!found) break;
      handoff_ids.push_back(stmt->ColumnText(0));
    }
  }
  for (const std::string& id : handoff_ids) {
    // instr() finds the id's bytes (bound as a blob), also in a longer id
    // that starts with them ("H-2026-1000000" for "H-2026-100000"): each
    // row found is forgotten only if it is a copy of this handoff, or if it
    // cannot be read (then forgetting it is the safe side).
    std::vector<std::pair<std::string, std::string>> records;
    {
      ASSIGN_OR_RETURN(
          auto find,
          conn.Prepare(
              "SELECT partner, key, response FROM idempotency"
              " WHERE method IN ('CreateHandoff', 'RecordHandoffEvent')"
              " AND instr(response, ?1) > 0"));
      find->BindBlob(1, id);
      for (;;) {
        ASSIGN_OR_RETURN(bool found, find->Step());
        if (!found) break;
        rosa::hub::v1::Handoff answer;
        if (answer.ParseFromString(find->ColumnBlob(2)) && answer.id() != id) {
          continue;
        }
        records.emplace_back(find->ColumnText(0), find->ColumnText(1));
      }
    }
    for (const auto& [partner, key] : records) {
      ASSIGN_OR_RETURN(auto forget,
                       conn.Prepare("DELETE FROM idempotency"
                                    " WHERE partner = ?1 AND key = ?2"));
      forget->Bind(1, partner).Bind(2, key);
      RETURN_IF_ERROR(forget->Run());
    }
    std::vector<std::pair<std::string, int64_t>> events;
    {
      ASSIGN_OR_RETURN(auto find,
                       conn.Prepare("SELECT partner, cursor, body FROM events"
                                    " WHERE instr(body, ?1) > 0"));
      find->BindBlob(1, id);
      for (;;) {
        ASSIGN_OR_RETURN(bool found, find->Step());
        if (!found) break;
        // Only copies of this handoff; a consent_withdrawn event that names
        // it (ids only) is what the partner must still receive.
        rosa::hub::v1::Event event;
        if (event.ParseFromString(find->ColumnBlob(2)) &&
            (!event.has_handoff() || event.handoff().handoff().id() != id)) {
          continue;
        }
        events.emplace_back(find->ColumnText(0), find->ColumnInt(1));
      }
    }
    for (const auto& [partner, cursor] : events) {
      rosa::hub::v1::Event emptied;
      emptied.set_cursor(static_cast<uint64_t>(cursor));
      ASSIGN_OR_RETURN(
          auto redact,
          conn.Prepare("UPDATE events SET body = ?3, text_of = NULL"
                       " WHERE partner = ?1 AND cursor = ?2"));
      redact->Bind(1, partner)
          .Bind(2, cursor)
          .BindBlob(3, emptied.SerializeAsString());
      RETURN_IF_ERROR(redact->Run());
    }
  }
  return absl::OkStatus();
}

// A hotline call ROSA linked to the person keeps its idempotency record (a
// retry must not count the call twice), without the link, as the call
// itself keeps it (inquiries.person_id is cleared).
absl::Status UnlinkInquiryRecords(store::Connection& conn,
                                  const std::string& person_id) {
  std::vector<std::tuple<std::string, std::string, std::string>> unlinked;
  {
    ASSIGN_OR_RETURN(auto find,
                     conn.Prepare("SELECT partner, key, response FROM"
                                  " idempotency WHERE method = 'RecordInquiry'"
                                  " AND instr(response, ?1) > 0"));
    find->BindBlob(1, person_id);
    for (;;) {
      ASSIGN_OR_RETURN(bool found, find->Step());
      if (!found) break;
      rosa::hub::v1::HotlineInquiry answer;
      if (!answer.ParseFromString(find->ColumnBlob(2)) ||
          answer.person_id() != person_id) {
        continue;
      }
      answer.clear_person_id();
      unlinked.emplace_back(find->ColumnText(0), find->ColumnText(1),
                            answer.SerializeAsString());
    }
  }
  for (const auto& [partner, key, response] : unlinked) {
    ASSIGN_OR_RETURN(auto update,
                     conn.Prepare("UPDATE idempotency SET response = ?3"
                                  " WHERE partner = ?1 AND key = ?2"));
    update->Bind(1, partner).Bind(2, key).BindBlob(3, response);
    RETURN_IF_ERROR(update->Run());
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status PersonVault::Shred(store::Connection& conn,
                                const std::string& person_id) {
  // The data key goes first: from then on the fields are noise even where
  // a copy survives (a backup, a file-system snapshot).
  ASSIGN_OR_RETURN(
      auto wipe_key,
      conn.Prepare("UPDATE persons SET wrapped_key = zeroblob(length("
                   "wrapped_key)) WHERE id = ?1"));
  wipe_key->Bind(1, person_id);
  RETURN_IF_ERROR(wipe_key->Run());
  if (conn.changes() != 1) return PersonNotFound(person_id);
  RETURN_IF_ERROR(ForgetHandoffCopies(conn, person_id));
  RETURN_IF_ERROR(texts_.ForgetPerson(conn, person_id));
  {
    // Journal writes' idempotency records copy the record (pseudonymous,
    // but about the person): they go with it.
    ASSIGN_OR_RETURN(auto forget,
                     conn.Prepare("DELETE FROM idempotency WHERE method ="
                                  " 'RecordJournalEntry'"
                                  " AND instr(response, ?1) > 0"));
    forget->BindBlob(1, person_id);
    RETURN_IF_ERROR(forget->Run());
  }
  RETURN_IF_ERROR(UnlinkInquiryRecords(conn, person_id));
  for (const char* sql :
       {"DELETE FROM journal_records WHERE person_id = ?1",
        "UPDATE inquiries SET person_id = NULL WHERE person_id = ?1",
        "DELETE FROM handoffs WHERE person_id = ?1",
        "DELETE FROM identity_disclosures WHERE person_id = ?1",
        "DELETE FROM consents WHERE person_id = ?1",
        "DELETE FROM person_fields WHERE person_id = ?1",
        "DELETE FROM persons WHERE id = ?1"}) {
    ASSIGN_OR_RETURN(auto stmt, conn.Prepare(sql));
    stmt->Bind(1, person_id);
    RETURN_IF_ERROR(stmt->Run());
  }
  return absl::OkStatus();
}

absl::StatusOr<int> PersonVault::RewrapAll(store::Connection& conn) {
  ASSIGN_OR_RETURN(int persons, RewrapTableKeys(conn, *keks_, PersonKeys()));
  ASSIGN_OR_RETURN(int objects, texts_.RewrapAll(conn));
  return persons + objects;
}

}  // namespace rosa
