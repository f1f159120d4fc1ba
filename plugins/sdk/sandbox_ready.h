// What the SDK reads from disk, read before the plugin worker's sandbox
// closes the file system (hub/plugin_host/sandbox.h allows no open()). The
// hub's worker asks for the manifest before it enters the sandbox; the
// entry point (plugin.h) calls LoadBeforeSandbox there, so that a decode
// never has to open a file - today the Europe/Oslo time zone the
// local-time helpers use. A plugin that reads anything else from disk must
// read it in its constructor, which runs at the same moment.
//
// Thread-safety: safe from any thread; idempotent.
#ifndef ROSA_PLUGINS_SDK_SANDBOX_READY_H_
#define ROSA_PLUGINS_SDK_SANDBOX_READY_H_

namespace rosa::plugin {

void LoadBeforeSandbox();

}  // namespace rosa::plugin

#endif  // ROSA_PLUGINS_SDK_SANDBOX_READY_H_
