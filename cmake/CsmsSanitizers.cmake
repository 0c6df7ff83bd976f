# CSMS_SDK_SANITIZERS is a comma-separated list handed to -fsanitize= (for example
# "address,undefined" or "thread"). It is applied to our own targets only.
set(CSMS_SDK_SANITIZERS "" CACHE STRING "Sanitizers for the SDK's own targets, e.g. address,undefined")

function(csms_sdk_set_sanitizers target)
  if(CSMS_SDK_SANITIZERS)
    target_compile_options(${target} PRIVATE
      -fsanitize=${CSMS_SDK_SANITIZERS} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${CSMS_SDK_SANITIZERS})
  endif()
endfunction()
