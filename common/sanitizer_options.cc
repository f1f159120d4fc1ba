// The sanitizer runtimes' default options for the sanitizer builds
// (ROSA_SANITIZE, see deploy/run-sanitizers.sh), linked into every
// executable of such a build and into no other.
//
// They are compiled in rather than read from ASAN_OPTIONS and friends
// because the plugin workers (`rosa-hub plugin-worker`, started from
// /proc/self/exe) get an empty environment: options set here hold in the
// hub, in its workers and in every test binary alike. An environment
// variable, where one is set, still adds to and overrides them.
//
// Thread-safety: the runtimes call these once, before main.

extern "C" {

#if defined(__SANITIZE_ADDRESS__)
// Stop at the first report; leaks are reports too.
const char* __asan_default_options() {
  return "halt_on_error=1:detect_leaks=1:check_initialization_order=1:"
         "strict_init_order=1:detect_stack_use_after_return=0";
}
const char* __ubsan_default_options() {
  return "halt_on_error=1:print_stacktrace=1";
}
#endif

#if defined(__SANITIZE_THREAD__)
const char* __tsan_default_options() {
  return "halt_on_error=1:second_deadlock_stack=1:history_size=4";
}
#endif

}  // extern "C"
