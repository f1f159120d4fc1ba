// The availability board: every facility the user's partner may see
// (ROSA: all; a partner: its own) with each unit's free places, places
// held and when the figures were true. Stale figures show as unknown,
// never as a number. Live: the table reloads when the partner's outbox
// grows.
//   GET /board[?page=N]        div#board-live[data-live] > table#board-table
//                              (tr[data-facility][data-unit], td.free with
//                              data-free="N" or "unknown"); a#next-page
//   GET /board/table[?page=N]  the same table alone (for the live reload)
//   GET /board/events          text/event-stream: "change" events, pings;
//                              503 when too many are open
// Thread-safety: handlers run on the server's threads.
#ifndef ROSA_ADAPTERS_CONSOLE_PAGES_BOARD_PAGE_H_
#define ROSA_ADAPTERS_CONSOLE_PAGES_BOARD_PAGE_H_

#include "adapters/console/router.h"

namespace rosa::console {

void RegisterBoardPage(Router& router);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_PAGES_BOARD_PAGE_H_
