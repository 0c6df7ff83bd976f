# csms_man_page(TARGET SECTION_FILE): at build time, runs the program TARGET
# with the hidden --man into ${CMAKE_CURRENT_BINARY_DIR}/SECTION_FILE (e.g.
# csms.1) and, with CSMS_SDK_INSTALL, installs it into man1 (component tools).
function(csms_man_page target page)
  set(output "${CMAKE_CURRENT_BINARY_DIR}/${page}")
  add_custom_command(OUTPUT "${output}"
    COMMAND "${CMAKE_COMMAND}" "-DPROGRAM=$<TARGET_FILE:${target}>" "-DOUTPUT=${output}"
            -P "${PROJECT_SOURCE_DIR}/tools/man/write_man_page.cmake"
    DEPENDS ${target} "${PROJECT_SOURCE_DIR}/tools/man/write_man_page.cmake"
    COMMENT "Writing the manual page ${page}"
    VERBATIM)
  add_custom_target(${target}_man ALL DEPENDS "${output}")
  if(CSMS_SDK_INSTALL)
    install(FILES "${output}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1" COMPONENT tools)
  endif()
endfunction()
