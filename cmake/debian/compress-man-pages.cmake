# CPACK_PRE_BUILD_SCRIPTS (cmake/CsmsPackaging.cmake): compresses every manual
# page in CPack's staging tree with gzip -9n before the packages are made, as
# Debian policy 12.1 asks (dh_compress does it for packages built by debhelper).
# The build and `cmake --install` keep the plain pages.
# The tree is <staging>/<component>/usr/...
file(GLOB_RECURSE _csms_files LIST_DIRECTORIES false "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*")
foreach(_page IN LISTS _csms_files)
  if(_page MATCHES "/share/man/[^/]+/[^/]+$" AND NOT _page MATCHES "\\.gz$")
    execute_process(COMMAND gzip -9nf "${_page}" RESULT_VARIABLE _result)
    if(NOT _result EQUAL 0)
      message(FATAL_ERROR "gzip -9n ${_page} failed (${_result})")
    endif()
  endif()
endforeach()
