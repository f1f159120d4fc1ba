// Row labels of the annual report's categories, in English and Norwegian,
// with the stable keys the JSON uses. One home for every category list.
// Thread-safety: immutable data.
#ifndef ROSA_HUB_REPORT_LABELS_H_
#define ROSA_HUB_REPORT_LABELS_H_

#include <vector>

namespace rosa::report {

struct Label {
  int value;  // The enum value (or index) it names.
  const char* key;
  const char* en;
  const char* no;
};

// CallerType values 1.. in the spec's order.
const std::vector<Label>& CallerLabels();
// InquiryTopic values 1..5.
const std::vector<Label>& TopicLabels();
// GenderIndex 0..3.
const std::vector<Label>& GenderLabels();
// ExploitationIndex 0..3.
const std::vector<Label>& ExploitationLabels();
// ResidenceStatus 1..12 (12 is unknown; UNSPECIFIED counts as unknown).
const std::vector<Label>& ResidenceLabels();
// Offence 2..8 (the offences other than trafficking).
const std::vector<Label>& OtherOffenceLabels();
// PoliceReportStatus 1..4.
const std::vector<Label>& PoliceStatusLabels();

}  // namespace rosa::report

#endif  // ROSA_HUB_REPORT_LABELS_H_
