# Installation layout and CPack (DEB + TGZ). The demo workspace and its
# traces go to share/breakeven with the source tree's relative layout, so
# the workspace's relative trace paths resolve after installation; the
# trace licences go with them. tests/ (and its test-only trace) never ships.
include(GNUInstallDirs)

set(BREAKEVEN_DATA_DIR ${CMAKE_INSTALL_DATADIR}/breakeven)
set(BREAKEVEN_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/breakeven)  # DOCDIR would say "Breakeven"
install(FILES resources/demo.breakeven.json DESTINATION ${BREAKEVEN_DATA_DIR})
install(DIRECTORY resources/demo resources/traces resources/pricing resources/profiles
        DESTINATION ${BREAKEVEN_DATA_DIR})
install(FILES README.md resources/traces/ATTRIBUTION.md DESTINATION ${BREAKEVEN_DOC_DIR})
install(DIRECTORY resources/traces/LICENSES DESTINATION ${BREAKEVEN_DOC_DIR})

if(BREAKEVEN_GUI)
  install(FILES packaging/breakeven.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES packaging/io.github.breakeven.Breakeven.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
  install(FILES packaging/io.github.breakeven.Breakeven.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
  install(FILES packaging/breakeven-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
          RENAME breakeven.xml)
endif()

set(CPACK_PACKAGE_NAME breakeven)
set(CPACK_PACKAGE_VENDOR "Breakeven")
set(CPACK_PACKAGE_CONTACT "Breakeven developers <breakeven@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_INSTALL_DIRECTORY breakeven)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB TGZ)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Capacity planner for ML and LLM inference
 Simulates a request trace on serverless, GPU and dedicated platforms side by
 side and prices it from a local SQLite catalogue: cost curves, crossovers,
 cold-start impact and PDF reports. Includes the breakeven desktop app and the
 breakeven-cli command-line tool.")
# Run-time libraries by Debian package name (dpkg-shlibdeps would need the
# dpkg-dev tool chain at packaging time; these are the libraries we link).
set(_breakeven_deps "libc6, libstdc++6, libsqlite3-0, libfmt9, zlib1g")
if(BREAKEVEN_GUI)
  string(APPEND _breakeven_deps ", libqt6core6, libqt6gui6, libqt6widgets6, libqt6charts6, libqt6svg6, "
         "libqt6concurrent6, libqt6printsupport6, qt6-qpa-plugins, fonts-dejavu-core, shared-mime-info")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${_breakeven_deps}")
set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)
include(CPack)
