#include "hub/report/same_figures.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "hub/report/labels.h"

namespace rosa::report {

std::vector<SameFigure> SameFigures(int year) {
  std::vector<SameFigure> same = {
      // Follow-up inquiries, and who called about them.
      {{"1.1", "follow_up", "inquiries"}, {"1.2", "total", "inquiries"}},
      // Persons in first-time inquiries about possible victims.
      {{"1.4", "total", "total"},
       {"1.5", "total", "persons"},
       {"1.6", "total", absl::StrCat(year)}},
      // Clients in the year.
      {{"2.1", "clients", "clients"},
       {"2.2", "total", "total"},
       {"2.3", "total", "clients"},
       {"2.4", "total", absl::StrCat(year)}},
      // New clients: each has one status at intake and one at year's end.
      {{"2.1", "new", "clients"},
       {"2.7", "total", "new_clients"},
       {"2.8", "total", "new_clients"}},
      {{"2.1", "multi_year", "clients"}, {"2.10", "total", "clients"}},
  };
  // Clients of each gender.
  for (const Label& g : GenderLabels()) {
    same.push_back({{"2.1", g.key, "clients"}, {"2.2", "total", g.key}});
  }
  return same;
}

}  // namespace rosa::report
