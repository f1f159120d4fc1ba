#include "adapters/console/pages/audit_page.h"

#include <httplib.h>

#include <string>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "adapters/console/desk_call.h"
#include "adapters/console/form.h"
#include "adapters/console/html.h"
#include "adapters/console/messages.h"
#include "hub/audit/audit_access.h"
#include "hub/audit/audit_keeper.h"
#include "hub/audit/checkpoint.h"
#include "hub/store/database.h"

namespace rosa::console {
namespace {

namespace v1 = rosa::hub::v1;

const MessageTable& Words() {
  static const MessageTable* const kWords = new MessageTable{
      {"audit", {"Revisjonslogg", "Audit log"}},
      {"checkpoint",
       {"Siste signerte kontrollpunkt", "Latest signed checkpoint"}},
      {"origin", {"Logg", "Log"}},
      {"size", {"Antall oppføringer", "Entries"}},
      {"root", {"Rot-hash (SHA-256)", "Root hash (SHA-256)"}},
      {"signature", {"Signatur (Ed25519)", "Signature (Ed25519)"}},
      {"verify", {"Kontroller hele loggen", "Verify the whole log"}},
      {"verify_note",
       {"Kontrollen regner ut hele loggen på nytt og kan ta litt tid.",
        "The check recomputes the whole log and may take a while."}},
      {"consistent", {"Loggen er hel: alle", "The log is intact: all"}},
      {"entries_match",
       {"oppføringer stemmer med kontrollpunktet.",
        "entries match the checkpoint."}},
      {"inconsistent",
       {"Loggen stemmer IKKE med kontrollpunktet:",
        "The log does NOT match the checkpoint:"}},
  };
  return *kWords;
}

std::string Word(const PageContext& ctx, std::string_view id) {
  return Escape(Text(Words(), ctx.lang, id));
}

// Runs `work(conn)` on a reader thread of the store and waits for it.
template <typename T, typename Work>
absl::StatusOr<T> OnReader(const PageContext& ctx, Work work) {
  return AwaitDesk<T>([&](auto done) {
    ctx.desks.db->readers().Submit(
        [work = std::move(work), done = std::move(done)](
            store::Connection& conn) { done(work(conn)); });
  });
}

std::string CheckpointHtml(const PageContext& ctx,
                           const v1::SignedCheckpoint& cp) {
  const std::string signature = absl::Base64Escape(cp.signature());
  return absl::StrCat(
      "<h2>", Word(ctx, "checkpoint"), "</h2><dl id=\"checkpoint\"><dt>",
      Word(ctx, "origin"), "</dt><dd>", Escape(cp.origin()), "</dd><dt>",
      Word(ctx, "size"), "</dt><dd id=\"checkpoint-size\">", cp.tree_size(),
      "</dd><dt>", Word(ctx, "root"), "</dt><dd><code id=\"checkpoint-root\">",
      absl::BytesToHexString(cp.root_hash()), "</code></dd><dt>",
      Word(ctx, "signature"), "</dt><dd><code class=\"wrap\">",
      Escape(signature), "</code></dd></dl>",
      "<form id=\"verify-form\" method=\"post\" action=\"/audit/verify\">",
      CsrfField(ctx), Hidden("body", cp.body()), Hidden("signature", signature),
      "<p>", Word(ctx, "verify_note"), "</p><p><button type=\"submit\">",
      Word(ctx, "verify"), "</button></p></form>");
}

void SendAudit(PageContext& ctx, const std::string& result, int status) {
  absl::StatusOr<v1::SignedCheckpoint> cp = OnReader<v1::SignedCheckpoint>(
      ctx, [keeper = ctx.desks.audit](store::Connection& conn) {
        return keeper->SignCheckpoint(conn);
      });
  std::string main = result;
  if (!cp.ok()) {
    absl::StrAppend(&main, "<p class=\"error\" role=\"alert\">",
                    Escape(Text(ctx.lang, "error")), "</p>");
  } else {
    absl::StrAppend(&main, CheckpointHtml(ctx, *cp));
  }
  SendPage(ctx, Text(Words(), ctx.lang, "audit"), main, status);
}

void GetAudit(PageContext& ctx) {
  if (!ctx.acting || !audit::CheckAuditReader(*ctx.acting).ok()) {
    return SendNotFound(ctx);
  }
  SendAudit(ctx, "", 200);
}

// The checkpoint the form carried: its signed body and signature, with this
// hub's public key (Verify checks the signature with the hub's own key).
v1::SignedCheckpoint FormCheckpoint(const PageContext& ctx) {
  v1::SignedCheckpoint cp;
  // A form sends line breaks as CR LF; the signed body has LF only.
  cp.set_body(absl::StrReplaceAll(ctx.Param("body"), {{"\r\n", "\n"}}));
  std::string signature;
  if (absl::Base64Unescape(ctx.Param("signature"), &signature)) {
    cp.set_signature(signature);
  }
  cp.set_public_key_pem(ctx.desks.audit->public_key_pem());
  absl::StatusOr<audit::Checkpoint> parsed =
      audit::ParseCheckpointBody(cp.body());
  if (parsed.ok()) {
    cp.set_origin(parsed->origin);
    cp.set_tree_size(parsed->size);
    cp.set_root_hash(parsed->root_hash);
  }
  return cp;
}

void PostVerify(PageContext& ctx) {
  if (!ctx.acting || !audit::CheckAuditReader(*ctx.acting).ok()) {
    return SendNotFound(ctx);
  }
  const v1::SignedCheckpoint cp = FormCheckpoint(ctx);
  absl::StatusOr<v1::VerifyLogResponse> verdict =
      OnReader<v1::VerifyLogResponse>(
          ctx, [keeper = ctx.desks.audit, cp](store::Connection& conn) {
            return keeper->Verify(conn, cp);
          });
  std::string result;
  if (!verdict.ok()) {
    result = absl::StrCat(
        "<p id=\"verify-result\" class=\"error\" "
        "role=\"alert\">",
        Escape(Text(ctx.lang, "error")), "</p>");
  } else if (verdict->consistent()) {
    result = absl::StrCat(
        "<p id=\"verify-result\" data-consistent=\"1\" role=\"status\">",
        Word(ctx, "consistent"), " ", verdict->tree_size(), " ",
        Word(ctx, "entries_match"), "</p>");
  } else {
    // The problem names a position or a check, never an entry's content.
    result = absl::StrCat(
        "<p id=\"verify-result\" data-consistent=\"0\" class=\"error\" "
        "role=\"alert\">",
        Word(ctx, "inconsistent"), " ", Escape(verdict->problem()), "</p>");
  }
  SendAudit(ctx, result, 200);
}

}  // namespace

void RegisterAuditPage(Router& router) {
  router.Get("/audit", Access::kSession, GetAudit);
  router.Post("/audit/verify", Access::kSession, PostVerify);
  router.AddNav({"/audit", "audit", Audience::kCoordinator});
}

}  // namespace rosa::console
