#include "tests/reliability/stream_pages.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "hub/exchange/outbound_renderer.h"
#include "tests/reliability/workload.h"

namespace rosa::reliability {
namespace {

namespace v1 = rosa::hub::v1;

bool IdChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// Every hub id in `text`: "R-", "H-" or "P-" (not inside a word) followed
// by capital letters, digits and '-', ending in a digit or letter.
std::set<std::string> HubIds(absl::string_view text) {
  std::set<std::string> out;
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    if ((text[i] != 'R' && text[i] != 'H' && text[i] != 'P') ||
        text[i + 1] != '-' || (i > 0 && IdChar(text[i - 1]))) {
      continue;
    }
    size_t end = i + 2;
    while (end < text.size() && IdChar(text[end])) ++end;
    while (end > i + 2 && text[end - 1] == '-') --end;
    if (end - i >= 6) out.insert(std::string(text.substr(i, end - i)));
  }
  return out;
}

}  // namespace

absl::StatusOr<v1::Event> CheckWatchPage(const v1::WatchRequest& r,
                                         const OutboxPage<v1::Event>& page) {
  if (r.from_now() && !page.items.empty()) {
    return absl::InternalError("watch: from_now gave the backlog");
  }
  uint64_t last = r.from_now() ? 0 : r.after_cursor();
  for (const v1::Event& e : page.items) {
    if (last != 0 && e.cursor() != last + 1) {
      return absl::InternalError(absl::StrCat("watch: cursor ", e.cursor(),
                                              " does not follow ", last));
    }
    if (e.cursor() <= r.after_cursor() && !r.from_now()) {
      return absl::InternalError(absl::StrCat(
          "watch: cursor ", e.cursor(), " is not after ", r.after_cursor()));
    }
    last = e.cursor();
  }
  if (!page.items.empty() && page.through < last) {
    return absl::InternalError("watch: the page ends before its last event");
  }
  return page.items.empty() ? v1::Event() : page.items.back();
}

absl::StatusOr<v1::EncodedEvent> CheckSubscribePage(
    const Partner& caller, const v1::SubscribeRequest& request,
    const OutboxPage<v1::Event>& events,
    const OutboxPage<v1::EncodedEvent>& encoded, const PluginHost& plugins,
    const IdentityText& identity_text) {
  // The events under the page: the caller's outbox, as Watch reads it.
  v1::WatchRequest watch;
  watch.set_after_cursor(request.after_cursor());
  if (auto s = CheckWatchPage(watch, events); !s.ok()) {
    return absl::InternalError(
        absl::StrCat("subscribe: ", s.status().message()));
  }
  std::map<uint64_t, const v1::Event*> by_cursor;
  for (const v1::Event& e : events.items) by_cursor[e.cursor()] = &e;
  auto plugin = plugins.Find(caller.plugin);
  if (plugin == nullptr) {
    return absl::InternalError("subscribe: the caller's plugin is not loaded");
  }
  const auto& encodes = plugin->manifest().encodes();
  uint64_t last = request.after_cursor();
  for (const v1::EncodedEvent& item : encoded.items) {
    const std::string at = absl::StrCat("subscribe: cursor ", item.cursor());
    if (item.cursor() <= request.after_cursor() || item.cursor() < last) {
      return absl::InternalError(absl::StrCat(at, " is not after ",
                                              request.after_cursor(),
                                              " or comes after ", last));
    }
    last = item.cursor();
    auto event = by_cursor.find(item.cursor());
    if (event == by_cursor.end()) {
      return absl::InternalError(
          absl::StrCat(at, " is no event of ", caller.id, "'s outbox page"));
    }
    if (std::find(encodes.begin(), encodes.end(), item.content_type()) ==
        encodes.end()) {
      return absl::InternalError(
          absl::StrCat(at, ": content type ", item.content_type(),
                       " is not one ", caller.plugin, " encodes"));
    }
    std::string named = event->second->SerializeAsString();
    const auto subject = IdentitySubjectOf(caller, *event->second);
    if (subject.has_value()) named += identity_text(subject->person_id);
    for (absl::string_view text : {item.payload(), item.name()}) {
      for (const std::string& id : HubIds(text)) {
        if (!absl::StrContains(named, id)) {
          return absl::InternalError(absl::StrCat(
              at, " carries ", id, ", which its event does not name"));
        }
      }
      if (absl::StrContains(text, kWorkloadFamilyName) &&
          !subject.has_value()) {
        return absl::InternalError(
            absl::StrCat(at, " gives ", caller.id, " an identity"));
      }
    }
  }
  if (encoded.through != events.through && !encoded.more) {
    return absl::InternalError(absl::StrCat("subscribe: the page ends at ",
                                            encoded.through, ", its events at ",
                                            events.through));
  }
  if (encoded.through < last || encoded.through > events.through) {
    return absl::InternalError(absl::StrCat("subscribe: the page ends at ",
                                            encoded.through, ", outside ", last,
                                            "..", events.through));
  }
  return encoded.items.empty() ? v1::EncodedEvent() : encoded.items.back();
}

}  // namespace rosa::reliability
