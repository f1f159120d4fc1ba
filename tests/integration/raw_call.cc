#include "tests/integration/raw_call.h"

#include <cstdint>
#include <future>

#include "grpcpp/completion_queue.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "tests/integration/hub_client.h"

namespace rosa::integration {
namespace {

grpc::ByteBuffer ToByteBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::string FromByteBuffer(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) return out;
  for (const grpc::Slice& s : slices) {
    out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return out;
}

}  // namespace

// A unary call by method name with raw message bytes.
grpc::Status CallUnaryBytes(const std::shared_ptr<grpc::Channel>& channel,
                            const std::string& method,
                            const std::string& request, std::string* response) {
  grpc::GenericStub stub(channel);
  auto context = ContextWithDeadline();
  grpc::ByteBuffer request_buffer = ToByteBuffer(request);
  grpc::ByteBuffer response_buffer;
  std::promise<grpc::Status> done;
  stub.UnaryCall(context.get(), method, grpc::StubOptions(), &request_buffer,
                 &response_buffer,
                 [&done](grpc::Status status) { done.set_value(status); });
  grpc::Status status = done.get_future().get();
  if (status.ok()) *response = FromByteBuffer(response_buffer);
  return status;
}

// A bidirectional-streaming call by method name: sends `request`, half-closes
// and collects every response message.
grpc::Status CallBidiBytes(const std::shared_ptr<grpc::Channel>& channel,
                           const std::string& method,
                           const std::string& request,
                           std::vector<std::string>* responses) {
  grpc::GenericStub stub(channel);
  auto context = ContextWithDeadline();
  grpc::CompletionQueue cq;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(context.get(), method, &cq);
  // Waits for `tag`, skipping any other; false if the operation failed.
  auto await = [&cq](intptr_t want) {
    void* tag = nullptr;
    bool ok = false;
    while (cq.Next(&tag, &ok)) {
      if (reinterpret_cast<intptr_t>(tag) == want) return ok;
    }
    return false;
  };
  call->StartCall(reinterpret_cast<void*>(1));
  if (await(1)) {
    grpc::ByteBuffer request_buffer = ToByteBuffer(request);
    call->Write(request_buffer, reinterpret_cast<void*>(2));
    if (await(2)) {
      call->WritesDone(reinterpret_cast<void*>(3));
      if (await(3)) {
        while (true) {
          grpc::ByteBuffer response;
          call->Read(&response, reinterpret_cast<void*>(4));
          if (!await(4)) break;
          responses->push_back(FromByteBuffer(response));
        }
      }
    }
  }
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  await(5);
  cq.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq.Next(&tag, &ok)) {
  }
  return status;
}

}  // namespace rosa::integration
