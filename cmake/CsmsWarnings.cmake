# Warnings are applied per target, never through global flags, so that a parent
# project that add_subdirectory()s us keeps its own settings.
option(CSMS_SDK_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)

function(csms_sdk_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
      -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual)
    if(CSMS_SDK_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()
