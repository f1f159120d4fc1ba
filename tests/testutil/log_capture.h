// LogCapture: every line logged through spdlog's default logger while it
// lives, as text, for tests that prove what a log line holds (or never
// holds). It replaces the default logger and puts the previous one back
// when destroyed. Header-only.
//
// Example:
//   testutil::LogCapture log;
//   desk.Reload(rosa, Request("x\nforged"));
//   EXPECT_THAT(log.Text(), Not(HasSubstr("forged")));
//
// Thread-safety: lines may be logged from any thread; Text() is safe to
// call meanwhile. Only one LogCapture may live at a time.
#ifndef ROSA_TESTS_TESTUTIL_LOG_CAPTURE_H_
#define ROSA_TESTS_TESTUTIL_LOG_CAPTURE_H_

#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "spdlog/sinks/base_sink.h"
#include "spdlog/spdlog.h"

namespace rosa::testutil {

class LogCapture {
 public:
  LogCapture()
      : sink_(std::make_shared<TextSink>()),
        previous_(spdlog::default_logger()) {
    sink_->set_pattern("%v");  // The message alone, one per line.
    auto logger = std::make_shared<spdlog::logger>("test", sink_);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(std::move(logger));
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }

  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  // Every line logged so far.
  std::string Text() const { return sink_->Text(); }

 private:
  class TextSink final : public spdlog::sinks::base_sink<std::mutex> {
   public:
    std::string Text() {
      std::lock_guard<std::mutex> lock(mutex_);
      return text_;
    }

   protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
      spdlog::memory_buf_t line;
      formatter_->format(msg, line);
      text_.append(line.data(), line.size());
    }
    void flush_() override {}

   private:
    std::string text_;  // Guarded by base_sink's mutex_.
  };

  std::shared_ptr<TextSink> sink_;
  std::shared_ptr<spdlog::logger> previous_;
};

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_LOG_CAPTURE_H_
