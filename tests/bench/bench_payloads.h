// Payloads for the ingest benchmark: for each partner format, the payload
// with the most records that fits the size limit (and the plugin's record
// limit), every record valid against the state the benchmark made, so the
// whole payload applies: the most work one payload can give the writer.
//
// Thread-safe: pure functions.
#ifndef ROSA_TESTS_BENCH_BENCH_PAYLOADS_H_
#define ROSA_TESTS_BENCH_BENCH_PAYLOADS_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace rosa::bench {

struct Format {
  std::string name{};        // "ks-csv plasser"
  std::string sender;        // The partner that sends it.
  std::string content_type;  // As the plugin reads it.
  // The records about the i-th object (a referral or handoff id; empty for
  // formats that need none), and the text before and after the records.
  std::function<std::string(int i, const std::string& object)> records;
  int records_per_object = 1;
  // An object id of the length the hub issues ("R-2026-000001"), to size
  // the payload before the objects exist; empty when there are none.
  std::string placeholder{};
  std::string head{};
  std::string tail{};
  std::string separator{};  // Between records (",\n" in JSON arrays).
  // The plugin's most records in one payload (0: no limit).
  size_t max_records = 0;
};

// Every format the benchmark measures, in order.
std::vector<Format> Formats();

// How many objects fit in `limit` bytes.
int ObjectsThatFit(const Format& format, size_t limit);

// The payload about objects[0..n).
std::string Build(const Format& format,
                  const std::vector<std::string>& objects);

}  // namespace rosa::bench

#endif  // ROSA_TESTS_BENCH_BENCH_PAYLOADS_H_
