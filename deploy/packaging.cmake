# Installation layout and the Debian package (CPack DEB), used by
# deploy/package.sh: build/rosa-hub_<version>_amd64.deb.
#   /usr/bin/rosa-hub                       the hub and its tools
#   /usr/bin/rosa-plugin-worker             what the hub runs its plugin
#                                           workers from (beside rosa-hub)
#   /usr/lib/rosa-hub/librosa_{proto,grpc}.so  the project's shared
#                                           libraries, private (RUNPATH)
#   /usr/lib/rosa-hub/plugins/lib<name>.so  every partner plugin
#   /etc/rosa-hub/rosa-hub.conf             serve's flags (conffile)
#   /etc/rosa-hub/partners.json             the partner registry (conffile)
#   /lib/systemd/system/rosa-hub.service    the hardened unit
#   /var/lib/rosa-hub{,/keys}               made by postinst, mode 0700
# Everything else comes from Debian packages named in Depends (found by
# dpkg-shlibdeps); nothing is bundled.

set(ROSA_PRIVATE_LIB_DIR lib/rosa-hub)
get_property(rosa_plugins GLOBAL PROPERTY ROSA_PLUGINS)

# RUNPATHs relative to each file, so the package works wherever dpkg puts
# /usr; the build tree keeps its own.
set_target_properties(rosa-hub rosa-plugin-worker PROPERTIES
  INSTALL_RPATH "\$ORIGIN/../${ROSA_PRIVATE_LIB_DIR}")
set_target_properties(rosa_proto rosa_grpc PROPERTIES INSTALL_RPATH "\$ORIGIN")
set_target_properties(${rosa_plugins} PROPERTIES INSTALL_RPATH "\$ORIGIN/..")

install(TARGETS rosa-hub rosa-plugin-worker RUNTIME DESTINATION bin)
install(TARGETS rosa_proto rosa_grpc LIBRARY DESTINATION ${ROSA_PRIVATE_LIB_DIR})
install(TARGETS ${rosa_plugins}
        LIBRARY DESTINATION ${ROSA_PRIVATE_LIB_DIR}/plugins)
# The registry names facilities' secret addresses: 0640, group rosa-hub
# (set by postinst once the group exists).
install(FILES ${PROJECT_SOURCE_DIR}/deploy/rosa-hub.conf
        DESTINATION /etc/rosa-hub
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/dev/partners.json
        DESTINATION /etc/rosa-hub
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/systemd/rosa-hub.service
        DESTINATION /lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/README.md
        DESTINATION share/doc/rosa-hub)

# `cpack` installs only what the lines above name; deploy/package.sh builds
# those targets first instead of everything (tests and all).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME rosa-hub)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "coordination hub for Norway's anti-trafficking network")
set(CPACK_PACKAGE_CONTACT "ROSA hub maintainers <drift@rosa-hub.invalid>")
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Shared-library dependencies from dpkg-shlibdeps (dpkg-dev); adduser for
# postinst.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS
    ${PROJECT_BINARY_DIR}/proto)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/deploy/debian/postinst
    ${PROJECT_SOURCE_DIR}/deploy/debian/prerm
    ${PROJECT_SOURCE_DIR}/deploy/debian/postrm
    ${PROJECT_SOURCE_DIR}/deploy/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)
