// The checks of the API fuzzer on the first page of a partner's streams
// (EventService.Watch, PartnerGateway.Subscribe), which api_dispatch.cc
// reads as the streams do. A page that breaks one is an INTERNAL error,
// which the fuzzer reports; otherwise the answer is the page's last item
// (an empty message for none).
//   Watch      cursors after the one asked for, rising by one; none with
//              from_now; the page ends at or after its last event.
//   Subscribe  the caller's own stream (every item is an event of the
//              caller's outbox page read from the same cursor), cursors
//              after the one asked for, in order, the events' cursors
//              rising by one; content types the caller's plugin encodes;
//              no other partner's data (every referral, handoff or person
//              id in a payload or its name is one the event names, or is
//              text of the identity the event may carry: a fuzzed name
//              may look like an id), and no identity (the workload's
//              family name) unless the event is one the caller may be
//              given it with (IdentitySubjectOf).
//
// Thread-safety: pure functions.
#ifndef ROSA_TESTS_RELIABILITY_STREAM_PAGES_H_
#define ROSA_TESTS_RELIABILITY_STREAM_PAGES_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "hub/outbox/outbox_page.h"
#include "hub/partner/partner.h"
#include "hub/plugin_host/plugin_host.h"
#include "rosa/hub/v1/event.pb.h"
#include "rosa/hub/v1/event_service.pb.h"
#include "rosa/hub/v1/gateway_service.pb.h"

namespace rosa::reliability {

absl::StatusOr<rosa::hub::v1::Event> CheckWatchPage(
    const rosa::hub::v1::WatchRequest& request,
    const OutboxPage<rosa::hub::v1::Event>& page);

// The text of a person's registered identity (empty when there is none).
using IdentityText = std::function<std::string(const std::string& person_id)>;

// `events` is the caller's outbox page after the same cursor, `encoded`
// the Subscribe page; `plugins` the host the caller's plugin is in.
absl::StatusOr<rosa::hub::v1::EncodedEvent> CheckSubscribePage(
    const Partner& caller, const rosa::hub::v1::SubscribeRequest& request,
    const OutboxPage<rosa::hub::v1::Event>& events,
    const OutboxPage<rosa::hub::v1::EncodedEvent>& encoded,
    const PluginHost& plugins, const IdentityText& identity_text);

}  // namespace rosa::reliability

#endif  // ROSA_TESTS_RELIABILITY_STREAM_PAGES_H_
