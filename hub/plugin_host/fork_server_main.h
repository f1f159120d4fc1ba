// The plugin fork server's side: what `rosa-plugin-worker plugin-fork-server`
// (and `rosa-hub plugin-fork-server`) runs. The hub starts it once
// (fork_server.h), exec'd like a worker - empty environment, stdio on
// /dev/null, its control socket as descriptor 3 - so the worker's shared
// libraries are loaded once; it refuses to run unless that descriptor is a
// Unix socket whose peer is its parent.
//
// It enters its own sandbox (EnterForkServerSandbox: no network, no exec),
// then serves the control socket (fork_server_wire.h): for each kSpawn it
// creates a socketpair and forks a child that keeps one end as descriptor
// 3, closes every other descriptor and runs RunPluginWorker - the exact
// path of an exec'd worker (its parent, the fork server, is the socket's
// peer; it sets its own parent-death signal, checks and maps the staged
// copy, enters the worker sandbox). The other end and a pidfd of the child
// go to the hub. It reaps every child and reports each exit status. It
// never maps a plugin nor reads partner bytes itself.
//
// It exits when the hub closes the control socket (which the kernel does
// when the hub dies, however it dies), and then every worker dies with it
// (their parent-death signal). Started from the hub's main thread it also
// has a parent-death signal of its own (`--die-with-parent`); not from
// another thread, since that signal follows the thread that forked.
//
// Thread-safety: runs a whole process, single-threaded (fork is safe).
#ifndef ROSA_HUB_PLUGIN_HOST_FORK_SERVER_MAIN_H_
#define ROSA_HUB_PLUGIN_HOST_FORK_SERVER_MAIN_H_

namespace rosa {

// The process's exit code: 0 when the hub closed the control socket, 2
// when not started by the hub, 1 when the sandbox or the socket failed.
int RunPluginForkServer(int control_fd, bool die_with_parent);

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_FORK_SERVER_MAIN_H_
