#include "hub/store/read_pool.h"

#include <exception>
#include <future>

namespace rosa::store {

absl::StatusOr<std::unique_ptr<ReadPool>> ReadPool::Open(
    const std::filesystem::path& db_path, size_t threads,
    const std::string& vfs) {
  std::vector<std::unique_ptr<Connection>> conns;
  for (size_t i = 0; i < threads; ++i) {
    auto conn = Connection::Open(db_path, Connection::Mode::kReadOnly, vfs);
    if (!conn.ok()) return conn.status();
    conns.push_back(std::move(*conn));
  }
  return std::unique_ptr<ReadPool>(new ReadPool(std::move(conns)));
}

ReadPool::ReadPool(std::vector<std::unique_ptr<Connection>> conns)
    : conns_(std::move(conns)) {
  for (auto& conn : conns_) {
    threads_.emplace_back([this, c = conn.get()] { Loop(c); });
  }
}

ReadPool::~ReadPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void ReadPool::Submit(Task task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
}

absl::Status ReadPool::RunAndWait(std::function<absl::Status(Connection&)> fn) {
  std::promise<absl::Status> promise;
  auto future = promise.get_future();
  Submit([&](Connection& conn) { promise.set_value(fn(conn)); });
  return future.get();
}

void ReadPool::Loop(Connection* conn) {
  for (;;) {
    Task task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    try {
      task(*conn);
    } catch (const std::exception&) {
      // A task owns its own error reporting; an escaped exception is a bug,
      // but must not take a reader thread (and so the hub) down.
    }
  }
}

}  // namespace rosa::store
