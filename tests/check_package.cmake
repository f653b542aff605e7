# Builds the .deb and .tar.gz with CPack from an already-built tree and checks
# what they hold: both executables, the desktop integration, the demo
# workspace with its traces and their licences, and never the test-only trace.
# -DBUILD_DIR=... -DOUT_DIR=...
file(REMOVE_RECURSE ${OUT_DIR})
file(MAKE_DIRECTORY ${OUT_DIR})
execute_process(COMMAND ${CMAKE_CPACK_COMMAND} -G "DEB;TGZ" -B ${OUT_DIR} --config ${BUILD_DIR}/CPackConfig.cmake
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cpack failed (${rc}):\n${out}\n${err}")
endif()
file(GLOB debs ${OUT_DIR}/*.deb)
file(GLOB tgzs ${OUT_DIR}/*.tar.gz)
list(LENGTH debs ndeb)
list(LENGTH tgzs ntgz)
if(NOT ndeb EQUAL 1 OR NOT ntgz EQUAL 1)
  message(FATAL_ERROR "expected one .deb and one .tar.gz in ${OUT_DIR}, got: ${debs} ${tgzs}")
endif()

execute_process(COMMAND dpkg-deb --contents ${debs} OUTPUT_VARIABLE deb_list RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "dpkg-deb --contents ${debs} failed")
endif()
execute_process(COMMAND dpkg-deb --field ${debs} Package Version Depends OUTPUT_VARIABLE fields)
execute_process(COMMAND ${CMAKE_COMMAND} -E tar tf ${tgzs} OUTPUT_VARIABLE tgz_list RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cannot list ${tgzs}")
endif()

set(required
  usr/bin/breakeven-cli
  usr/share/breakeven/demo.breakeven.json
  usr/share/breakeven/demo/llm-comparison.json
  usr/share/breakeven/traces/AzureLLMInferenceTrace_conv.csv
  usr/share/breakeven/traces/ATTRIBUTION.md
  usr/share/breakeven/traces/LICENSES/CC-BY-4.0.txt
  usr/share/breakeven/traces/LICENSES/Apache-2.0.txt
  usr/share/doc/breakeven/ATTRIBUTION.md)
if(WITH_GUI)
  list(APPEND required
    usr/bin/breakeven
    usr/share/applications/breakeven.desktop
    usr/share/metainfo/io.github.breakeven.Breakeven.metainfo.xml
    usr/share/icons/hicolor/scalable/apps/io.github.breakeven.Breakeven.svg
    usr/share/mime/packages/breakeven.xml)
endif()
foreach(path ${required})
  if(NOT deb_list MATCHES "\\./${path}\n")
    message(FATAL_ERROR ".deb lacks ${path}; it holds:\n${deb_list}")
  endif()
  string(REPLACE "usr/" "" rel ${path})
  if(NOT tgz_list MATCHES "/${rel}\n")
    message(FATAL_ERROR ".tar.gz lacks ${rel}; it holds:\n${tgz_list}")
  endif()
endforeach()
foreach(forbidden test-only tests/ \\.sqlite)
  if(deb_list MATCHES "${forbidden}" OR tgz_list MATCHES "${forbidden}")
    message(FATAL_ERROR "a package contains '${forbidden}'")
  endif()
endforeach()
if(NOT fields MATCHES "breakeven" OR NOT fields MATCHES "libsqlite3-0")
  message(FATAL_ERROR "unexpected control fields:\n${fields}")
endif()
message(STATUS "packages OK: ${debs} ${tgzs}")
