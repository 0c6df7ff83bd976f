# Whole-repository checks that CI runs as ctest tests (label "ci"), so that one
# `ctest --preset ci` covers them and ends with ctest's summary. They are slow
# (each builds something), so only the ci preset turns them on.
option(CSMS_SDK_CI_CHECKS "Register format, tidy, docs, consumer and fuzz checks as tests" OFF)

if(CSMS_SDK_CI_CHECKS)
  set(_root "${PROJECT_SOURCE_DIR}")
  add_test(NAME ci.clang_format COMMAND bash "${_root}/scripts/check-format.sh")
  add_test(NAME ci.clang_tidy COMMAND bash "${_root}/scripts/clang-tidy.sh" "${PROJECT_BINARY_DIR}")
  # The reference site without a warning, with its guides and pictures.
  add_test(NAME ci.docs COMMAND bash "${_root}/scripts/check-docs.sh" "${PROJECT_BINARY_DIR}")
  add_test(NAME ci.consumer COMMAND bash "${_root}/scripts/consumer-test.sh")
  add_test(NAME ci.fuzz_smoke COMMAND bash "${_root}/scripts/fuzz-smoke.sh" 30)
  set_tests_properties(ci.clang_format ci.clang_tidy ci.docs ci.consumer ci.fuzz_smoke
                       PROPERTIES LABELS ci TIMEOUT 1200)
  # Both build with two jobs; running them side by side would only slow both.
  set_tests_properties(ci.consumer ci.fuzz_smoke ci.clang_tidy PROPERTIES RUN_SERIAL ON)
endif()
