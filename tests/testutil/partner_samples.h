// The partner formats' sample files, tests/testdata/partner-formats/
// <format>/ (copied from shared/partner-formats/samples/): each good-* must
// be accepted, each bad-* refused with a precise error. The one place the
// tests learn where they are.
//
// Example:
//   const std::string csv = rosa::testutil::PartnerSample("ks-csv",
//                                                         "good-plasser.csv");
//
// Thread-safety: pure functions.
#ifndef ROSA_TESTS_TESTUTIL_PARTNER_SAMPLES_H_
#define ROSA_TESTS_TESTUTIL_PARTNER_SAMPLES_H_

#include <filesystem>
#include <string>

namespace rosa::testutil {

// The folder that holds one folder of samples per format.
std::filesystem::path PartnerSamplesDir();

// The bytes of sample `name` of `format` ("ks-csv", "iom-avrr", ...). A
// sample that cannot be read fails the test and gives "".
std::string PartnerSample(const std::string& format, const std::string& name);

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_PARTNER_SAMPLES_H_
