#include "tests/testutil/partner_samples.h"

#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

namespace rosa::testutil {

std::filesystem::path PartnerSamplesDir() { return ROSA_SAMPLES_DIR; }

std::string PartnerSample(const std::string& format, const std::string& name) {
  std::ifstream in(PartnerSamplesDir() / format / name, std::ios::binary);
  EXPECT_TRUE(in.good()) << format << "/" << name;
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace rosa::testutil
