// RequestGenerator: random request messages built with protobuf
// reflection, for the API fuzzer (api_fuzz_test.cc). Fill makes a message
// that is valid by schema (every field of its type, set or not, with
// values drawn from edge cases and from the ids the hub has answered with,
// so that many requests name real objects); Mutate changes a message that
// was accepted before (a field redrawn, cleared, or its serialized bytes
// flipped and parsed again). Strings are always valid UTF-8 (gRPC refuses
// anything else before a desk sees it). Free text carries kPrivateMarker so
// the fuzzer can check that no answer repeats it.
//
// Thread-safety: one thread.
#ifndef ROSA_TESTS_RELIABILITY_REQUEST_GENERATOR_H_
#define ROSA_TESTS_RELIABILITY_REQUEST_GENERATOR_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "google/protobuf/message.h"

namespace rosa::reliability {

// Part of every generated free text; never in an error message.
inline constexpr char kPrivateMarker[] = "Zq9 private";

class RequestGenerator {
 public:
  RequestGenerator(uint64_t seed, std::vector<std::string> partner_ids)
      : rng_(seed), partners_(std::move(partner_ids)) {}

  // Remembers every id-like string field of `answer` (id, *_id, *_ref).
  void Learn(const google::protobuf::Message& answer);

  // Sets a random selection of `m`'s fields.
  void Fill(google::protobuf::Message* m, int depth = 0);

  // Changes 1-3 things about `m`.
  void Mutate(google::protobuf::Message* m);

  std::mt19937_64& rng() { return rng_; }
  size_t learnt() const { return ids_.size(); }

 private:
  void FillField(google::protobuf::Message* m,
                 const google::protobuf::FieldDescriptor* f, int depth);
  std::string String(const google::protobuf::FieldDescriptor* f);
  int64_t Integer();
  bool OneIn(uint64_t n) { return rng_() % n == 0; }
  template <typename T>
  const T& Pick(const std::vector<T>& from) {
    return from[rng_() % from.size()];
  }

  std::mt19937_64 rng_;
  std::vector<std::string> partners_;
  std::vector<std::string> ids_;
  uint64_t keys_ = 0;
};

}  // namespace rosa::reliability

#endif  // ROSA_TESTS_RELIABILITY_REQUEST_GENERATOR_H_
