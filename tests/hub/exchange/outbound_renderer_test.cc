// Outbound rendering with identity: the audited identity read runs on the
// store's writer, the plugin's encoding never does, and a page of events
// makes at most store::kMaxIdentityPageSize identity reads (the rest comes
// with the next page), so a lawyer or IOM re-reading its stream from
// cursor 0 cannot keep the single writer busy.
#include "hub/exchange/outbound_renderer.h"

#include <future>
#include <string>
#include <thread>
#include <vector>

#include "hub/exchange/render_page.h"
#include "hub/store/page_token.h"
#include "tests/hub/exchange/ingest_fixture.h"

namespace rosa {
namespace ingest_test {
namespace {

namespace pv1 = rosa::plugin::v1;

class OutboundRendererTest : public IngestDeskTest {
 protected:
  void SetUp() override {
    IngestDeskTest::SetUp();
    pv1::Contact contact;
    contact.set_organisation("ROSA");
    contact.set_phone("+47 22 33 11 60");
    renderer_ = std::make_unique<OutboundRenderer>(
        plugins_.get(), referrals_.get(), handoffs_.get(), contact);
  }
  void TearDown() override {
    renderer_.reset();
    IngestDeskTest::TearDown();
  }

  // The partner's outbox events, oldest first (at most 500).
  std::vector<v1::Event> Events(const std::string& partner) {
    std::vector<v1::Event> events;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) -> absl::Status {
                      auto read =
                          Outbox::Read(conn, partner, 0, 500, content_.get());
                      if (!read.ok()) return read.status();
                      events = *std::move(read);
                      return absl::OkStatus();
                    })
                    .ok());
    return events;
  }

  std::thread::id WriterThread() {
    std::thread::id id;
    EXPECT_TRUE(db_->writer()
                    .SubmitAndWait([&](store::WriteTxn&) {
                      id = std::this_thread::get_id();
                      return absl::OkStatus();
                    })
                    .ok());
    return id;
  }

  absl::StatusOr<OutboxPage<v1::EncodedEvent>> Render(
      const std::string& partner, std::vector<v1::Event> events) {
    OutboxPage<v1::Event> page;
    page.through = events.empty() ? 0 : events.back().cursor();
    page.items = std::move(events);
    std::promise<absl::StatusOr<OutboxPage<v1::EncodedEvent>>> promise;
    RenderPage(renderer_.get(), P(partner), std::move(page),
               [&](absl::StatusOr<OutboxPage<v1::EncodedEvent>> r) {
                 promise.set_value(std::move(r));
               });
    return promise.get_future().get();
  }

  std::unique_ptr<OutboundRenderer> renderer_;
};

TEST_F(OutboundRendererTest, EncodingAfterAnIdentityReadRunsOffTheWriter) {
  const std::thread::id writer = WriterThread();
  int rendered = 0;
  for (const char* partner : {"iom", "advokat-lund"}) {
    for (v1::Event& event : Events(partner)) {
      if (!OutboundRenderer::NeedsIdentity(P(partner), event)) continue;
      std::promise<std::thread::id> encoded_on;
      absl::StatusOr<OutboundRenderer::Payloads> payloads;
      renderer_->Render(P(partner), event,
                        [&](absl::StatusOr<OutboundRenderer::Payloads> p) {
                          payloads = std::move(p);
                          encoded_on.set_value(std::this_thread::get_id());
                        });
      EXPECT_NE(encoded_on.get_future().get(), writer) << partner;
      ASSERT_TRUE(payloads.ok()) << payloads.status();
      EXPECT_FALSE(payloads->empty()) << partner;
      ++rendered;
    }
  }
  EXPECT_EQ(rendered, 5);  // IOM's two referrals, the lawyer's three cases.
}

TEST_F(OutboundRendererTest, APageMakesABoundedNumberOfIdentityReads) {
  const std::string client = RegisterPerson();
  GiveConsent(client, "advokat-lund", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING);
  for (int i = 0; i < store::kMaxIdentityPageSize; ++i) {
    v1::CreateHandoffRequest r;
    r.set_idempotency_key(NextKey());
    r.set_lawyer("advokat-lund");
    r.set_person_id(client);
    r.set_case_summary("Wants advice on residence.");
    r.set_exploitation_form(v1::EXPLOITATION_FORM_FORCED_LABOUR);
    r.add_purposes(v1::COUNSELLING_PURPOSE_RESIDENCE_GROUNDS);
    auto h = Await<v1::Handoff>([&](auto done) {
      handoffs_->Create(P("rosa"), r, absl::InfiniteFuture(), done);
    });
    ASSERT_TRUE(h.ok()) << h.status();
  }
  const std::vector<v1::Event> events = Events("advokat-lund");
  std::vector<uint64_t> identity;  // Cursors of events read with identity.
  for (const v1::Event& e : events) {
    if (OutboundRenderer::NeedsIdentity(P("advokat-lund"), e)) {
      identity.push_back(e.cursor());
    }
  }
  ASSERT_EQ(identity.size(), store::kMaxIdentityPageSize + 3u);

  auto first = Render("advokat-lund", events);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(first->more);
  // It stops right before the first identity read past the bound.
  EXPECT_EQ(first->through, identity[store::kMaxIdentityPageSize] - 1);
  for (const v1::EncodedEvent& e : first->items) {
    EXPECT_LE(e.cursor(), first->through);
  }

  std::vector<v1::Event> rest;
  for (const v1::Event& e : events) {
    if (e.cursor() > first->through) rest.push_back(e);
  }
  auto second = Render("advokat-lund", rest);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_FALSE(second->more);
  EXPECT_EQ(second->through, events.back().cursor());
  EXPECT_FALSE(second->items.empty());
}

}  // namespace
}  // namespace ingest_test
}  // namespace rosa
