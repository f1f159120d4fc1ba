#include "plugins/sdk/descriptor_fingerprint.h"

#include <map>
#include <vector>

#include "common/sha256.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin {
namespace {

void Collect(const google::protobuf::FileDescriptor* file,
             std::map<std::string, const google::protobuf::FileDescriptor*>&
                 files) {
  if (!files.emplace(file->name(), file).second) return;
  for (int i = 0; i < file->dependency_count(); ++i) {
    Collect(file->dependency(i), files);
  }
}

std::string Deterministic(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  m.SerializeToCodedStream(&coded);
  coded.Trim();
  return out;
}

}  // namespace

std::string ComputeDescriptorFingerprint() {
  std::map<std::string, const google::protobuf::FileDescriptor*> files;
  Collect(rosa::plugin::v1::PluginManifest::descriptor()->file(), files);
  std::string all;
  for (const auto& [name, file] : files) {
    google::protobuf::FileDescriptorProto proto;
    file->CopyTo(&proto);
    // Comments and source positions are not part of the contract.
    proto.clear_source_code_info();
    const std::string bytes = Deterministic(proto);
    all += name;
    all.push_back('\0');
    all += std::to_string(bytes.size());
    all.push_back('\0');
    all += bytes;
  }
  return Sha256Hex(all);
}

}  // namespace rosa::plugin
