// The one parser of the hub's HTTP(S) listen addresses, and the one HTML
// escape of its pages.
#include "hub/common/listen_address.h"

#include "gtest/gtest.h"
#include "hub/common/html_escape.h"

namespace rosa {
namespace {

TEST(ListenAddressTest, SplitsHostAndPort) {
  std::string host;
  int port = -1;
  ASSERT_TRUE(
      ParseListenAddress("console address", "127.0.0.1:8443", &host, &port)
          .ok());
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 8443);
  ASSERT_TRUE(ParseListenAddress("x", "[::1]:0", &host, &port).ok());
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 0);
}

TEST(ListenAddressTest, ErrorsNameWhatAndWhy) {
  std::string host;
  int port = 0;
  EXPECT_EQ(
      ParseListenAddress("console address", "8443", &host, &port).message(),
      "console address 8443: not host:port");
  EXPECT_EQ(
      ParseListenAddress("metrics address", "h:65536", &host, &port).message(),
      "metrics address h:65536: port is not 0 to 65535");
  EXPECT_FALSE(ParseListenAddress("x", "h:-1", &host, &port).ok());
  EXPECT_FALSE(ParseListenAddress("x", "h:", &host, &port).ok());
}

TEST(ListenAddressTest, LoopbackHosts) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.8.0.1"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_FALSE(IsLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(IsLoopbackHost("10.0.0.1"));
  EXPECT_FALSE(IsLoopbackHost("example.org"));
}

TEST(HtmlEscapeTest, EscapesTheFiveCharacters) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">Tom & 'Jerry'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
  EXPECT_EQ(HtmlEscape("Ærlig ØØ"), "Ærlig ØØ");
}

}  // namespace
}  // namespace rosa
