#include "hub/outbox/delivery_marks.h"

#include <algorithm>

namespace rosa {

void DeliveryMarks::Mark(const std::string& partner, uint64_t cursor) {
  std::lock_guard<std::mutex> lock(mu_);
  uint64_t& mark = read_through_[partner];
  mark = std::max(mark, cursor);
}

std::map<std::string, uint64_t> DeliveryMarks::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return read_through_;
}

}  // namespace rosa
