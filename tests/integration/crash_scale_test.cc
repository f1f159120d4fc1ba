// kill -9 at scale (issue 14, point 3): the real hub is killed with SIGKILL
// again and again while, at the same time, ROSA submits placements to
// ks-oslo, ks-oslo marks them received through the API, ks-oslo drops
// ks-csv hendelser files accepting the received ones into its file-drop
// inbox (exchange/ks-oslo/inbox/), and ROSA and ks-oslo watch their event
// streams. After each restart every operation whose outcome is unknown is
// retried with its idempotency key and each stream is resumed from the
// last cursor it saw. At the end:
//   - every acknowledged submission is stored exactly once;
//   - every dropped file was applied exactly once (it is in processed/,
//     none in rejected/, and its referral has one ACCEPTED step);
//   - each resumed stream got every event (compared with a fresh stream
//     from cursor 0) without a gap; events delivered twice (the documented
//     at-least-once redelivery) are counted and reported.
//
// ROSA_CRASH_SCALE_CYCLES (default 20) and ROSA_CRASH_SEED override the
// number of cycles and the random seed (printed).
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_test.h"
#include "tests/integration/watch_stream.h"

namespace rosa::integration {
namespace {

namespace fs = std::filesystem;
namespace v1 = ::rosa::hub::v1;

template <typename T>
T FromEnv(const char* name, T fallback) {
  const char* value = std::getenv(name);
  T parsed = 0;
  if (value != nullptr && absl::SimpleAtoi(value, &parsed)) return parsed;
  return fallback;
}

// One partner's stream as resumed across restarts.
struct Resumed {
  std::string partner;
  uint64_t last = 0;                    // highest cursor seen
  std::map<uint64_t, std::string> got;  // cursor -> referral id@version
  uint64_t duplicates = 0;
};

std::string Key(const v1::Event& e) {
  return absl::StrCat(e.referral().referral().id(), "@",
                      e.referral().referral().version());
}

// A ks-csv hendelser file accepting `id` now (Oslo time, to the minute).
std::string AcceptFile(const std::string& id) {
  absl::TimeZone oslo;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Oslo", &oslo));
  return absl::StrCat(
      "referanse;hendelse;tidspunkt;arsak;netter\n", id, ";akseptert;",
      absl::FormatTime("%d.%m.%Y %H:%M", absl::Now(), oslo), ";;\n");
}

class CrashScaleTest : public HubTest {
 protected:
  fs::path Folder(const char* name) const {
    return hub().data_dir() / "exchange" / "ks-oslo" / name;
  }

  // Writes the file complete under a temporary name, then renames it in.
  void Drop(const std::string& id) {
    const std::string name = id + "-hendelser.csv";
    const fs::path tmp = Folder("inbox") / ("." + name + ".tmp");
    {
      std::ofstream out(tmp, std::ios::binary);
      out << AcceptFile(id);
    }
    fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write);
    fs::rename(tmp, Folder("inbox") / name);
  }

  static void Collect(WatchStream& stream, Resumed& r) {
    for (const v1::Event& e : stream.events()) {
      if (r.got.count(e.cursor())) {
        ++r.duplicates;
      } else {
        r.got[e.cursor()] = Key(e);
      }
      r.last = std::max(r.last, e.cursor());
    }
  }
};

TEST_F(CrashScaleTest, NothingLostUnderKill9WithStreamsAndFileDrop) {
  const int cycles = FromEnv<int>("ROSA_CRASH_SCALE_CYCLES", 20);
  const uint32_t seed =
      FromEnv<uint32_t>("ROSA_CRASH_SEED", std::random_device()());
  std::cerr << "crash_scale_test: seed " << seed << " (ROSA_CRASH_SEED), "
            << cycles << " cycles\n";
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> delay_ms(150, 700);
  const absl::Time started = absl::Now();

  std::map<std::string, std::string> submitted;  // person_ref -> id
  std::vector<std::string> to_receive, to_accept;
  std::set<std::string> dropped;
  uint64_t acked_updates = 0, retried = 0;
  std::vector<Resumed> streams(2);
  streams[0].partner = "rosa";
  streams[1].partner = "ks-oslo";

  for (int cycle = 0; cycle < cycles; ++cycle) {
    SCOPED_TRACE(absl::StrCat("cycle ", cycle, ", seed ", seed));
    std::vector<std::unique_ptr<WatchStream>> watches;
    for (Resumed& r : streams) {
      watches.push_back(std::make_unique<WatchStream>(
          Client(r.partner).channel(), WatchFrom(r.last)));
    }
    std::mutex mu;
    std::vector<v1::SubmitReferralRequest> unknown_submits;
    std::vector<std::pair<v1::SubmitReferralRequest, std::string>> new_acked;
    std::vector<v1::UpdateReferralStatusRequest> unknown_updates;
    std::vector<std::string> received;
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    threads.emplace_back([&] {  // ROSA submits
      PartnerClient rosa = Client("rosa");
      for (int n = 0; !stop.load(); ++n) {
        v1::SubmitReferralRequest r = NewReferralRequest("ks-oslo");
        r.set_idempotency_key(absl::StrCat("scale-", cycle, "-", n));
        v1::SubmitReferralResponse response;
        const grpc::Status s = rosa.Submit(r, &response);
        std::lock_guard<std::mutex> lock(mu);
        if (!s.ok()) {
          unknown_submits.push_back(r);
          return;
        }
        new_acked.emplace_back(r, response.referral().id());
      }
    });
    threads.emplace_back([&, ids = to_receive] {  // ks-oslo: received
      PartnerClient oslo = Client("ks-oslo");
      for (const std::string& id : ids) {
        if (stop.load()) return;
        v1::UpdateReferralStatusRequest u =
            NewUpdateRequest(id, v1::REFERRAL_STATE_RECEIVED);
        u.set_idempotency_key("recv-" + id);
        v1::Referral ignored;
        const grpc::Status s = oslo.Update(u, &ignored);
        std::lock_guard<std::mutex> lock(mu);
        if (!s.ok()) {
          unknown_updates.push_back(u);
          return;
        }
        received.push_back(id);
      }
    });
    threads.emplace_back([&, ids = to_accept] {  // ks-oslo: files
      for (const std::string& id : ids) {
        if (stop.load()) return;
        Drop(id);
        {
          std::lock_guard<std::mutex> lock(mu);
          dropped.insert(id);
        }
        absl::SleepFor(absl::Milliseconds(10));
      }
    });
    const std::vector<std::string> was_to_accept = to_accept;
    // The random delay is the test's schedule, not a synchronisation.
    absl::SleepFor(absl::Milliseconds(delay_ms(rng)));
    hub().Kill9();
    stop.store(true);
    for (std::thread& t : threads) t.join();
    for (size_t i = 0; i < streams.size(); ++i) {
      watches[i]->WaitForEnd(absl::Seconds(10));
      Collect(*watches[i], streams[i]);
    }
    watches.clear();
    const absl::Status restarted = hub().Restart();
    ASSERT_TRUE(restarted.ok()) << restarted;

    // Unknown outcomes: retried with the same key.
    PartnerClient rosa = Client("rosa"), oslo = Client("ks-oslo");
    for (const v1::SubmitReferralRequest& r : unknown_submits) {
      ++retried;
      v1::SubmitReferralResponse response;
      ASSERT_THAT(rosa.Submit(r, &response), IsOk());
      new_acked.emplace_back(r, response.referral().id());
    }
    for (const v1::UpdateReferralStatusRequest& u : unknown_updates) {
      ++retried;
      v1::Referral ignored;
      ASSERT_THAT(oslo.Update(u, &ignored), IsOk()) << u.referral_id();
      received.push_back(u.referral_id());
    }
    std::set<std::string> moved(received.begin(), received.end());
    std::vector<std::string> still;
    for (const std::string& id : to_receive) {
      if (!moved.count(id)) still.push_back(id);
    }
    to_receive = std::move(still);
    acked_updates += received.size();
    for (auto& [r, id] : new_acked) {
      ASSERT_TRUE(submitted.emplace(r.person_ref(), id).second)
          << "person_ref used twice: " << r.person_ref();
      to_receive.push_back(id);
    }
    to_accept.clear();
    for (const std::string& id : was_to_accept) {
      if (!dropped.count(id)) to_accept.push_back(id);
    }
    for (const std::string& id : received) to_accept.push_back(id);
  }

  // Every dropped file applied once: the inbox drains into processed/.
  const absl::Time drain_deadline = absl::Now() + absl::Seconds(60);
  while (!fs::is_empty(Folder("inbox")) && absl::Now() < drain_deadline) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  ASSERT_TRUE(fs::is_empty(Folder("inbox"))) << "files left in the inbox";
  std::map<std::string, int> processed;
  for (const auto& e : fs::directory_iterator(Folder("processed"))) {
    const std::string name = e.path().filename().string();
    for (const std::string& id : dropped) {
      if (absl::StrContains(name, id + "-hendelser")) ++processed[id];
    }
  }
  if (fs::exists(Folder("rejected"))) {
    for (const auto& e : fs::directory_iterator(Folder("rejected"))) {
      ADD_FAILURE() << "rejected: " << e.path().filename();
    }
  }
  // Every acknowledged submission exactly once (one listing: a Get per
  // referral would run into the per-partner rate limit).
  PartnerClient rosa = Client("rosa");
  v1::ListReferralsRequest list;
  list.set_page_size(500);
  std::vector<v1::Referral> stored;
  ASSERT_THAT(rosa.ListAll(list, &stored), IsOk());
  std::map<std::string, int> count;
  std::map<std::string, const v1::Referral*> by_id;
  for (const v1::Referral& r : stored) {
    ++count[r.person_ref()];
    by_id[r.id()] = &r;
  }
  for (const auto& [ref, id] : submitted) {
    EXPECT_EQ(count[ref], 1) << ref << " (" << id << ")";
  }
  EXPECT_EQ(stored.size(), submitted.size());
  for (const std::string& id : dropped) {
    EXPECT_EQ(processed[id], 1) << id << "'s file";
    ASSERT_TRUE(by_id.count(id)) << id;
    int accepted = 0;
    for (const v1::Transition& t : by_id[id]->history()) {
      accepted += t.to() == v1::REFERRAL_STATE_ACCEPTED;
    }
    EXPECT_EQ(accepted, 1) << id << " accepted " << accepted << " times";
  }

  // Every event the resumed streams should have had, without a gap.
  uint64_t delivered = 0, duplicates = 0;
  for (const Resumed& r : streams) {
    WatchStream fresh(Client(r.partner).channel(), WatchFrom(0));
    ASSERT_TRUE(fresh.WaitForEvents(r.last, absl::Seconds(60))) << r.partner;
    const std::vector<v1::Event> all = fresh.events();
    for (uint64_t c = 1; c <= r.last; ++c) {
      ASSERT_EQ(all[c - 1].cursor(), c) << r.partner << ": gap at " << c;
      auto it = r.got.find(c);
      ASSERT_NE(it, r.got.end()) << r.partner << " never got cursor " << c;
      EXPECT_EQ(it->second, Key(all[c - 1])) << r.partner << " cursor " << c;
    }
    delivered += r.got.size();
    duplicates += r.duplicates;
  }
  std::cerr << "crash_scale_test: " << cycles << " cycles: " << submitted.size()
            << " submissions and " << acked_updates
            << " status updates acknowledged (" << retried
            << " retried after an unknown outcome), " << dropped.size()
            << " files dropped and applied once, " << delivered
            << " events delivered to resumed streams without a gap ("
            << duplicates << " delivered twice), in " << absl::Now() - started
            << "\n";
  EXPECT_GT(dropped.size(), 0u);
  EXPECT_GT(acked_updates, 0u);
}

}  // namespace
}  // namespace rosa::integration
