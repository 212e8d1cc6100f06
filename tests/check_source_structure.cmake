# Runs scripts/lint-structure.awk: no source in model/, ui/ or app/ over 900 lines, and no run of
# 8 code lines written twice (issue 14). First on two fixture files that repeat eight lines, so
# the check is shown to find what it looks for, then on the tree, which must be clean.
# -DSOURCE_DIR=<checkout> -DAWK=<awk>
set(check "${SOURCE_DIR}/scripts/lint-structure.awk")
execute_process(COMMAND "${AWK}" -f "${check}"
                        "${SOURCE_DIR}/tests/data/structure/first.cpp"
                        "${SOURCE_DIR}/tests/data/structure/second.cpp"
                OUTPUT_VARIABLE control RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT control MATCHES "second.cpp:2: the same 8 lines stand at .*first.cpp:1")
    message(FATAL_ERROR "the structure check missed the repeated fixture lines: ${control}")
endif()
file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}"
     "${SOURCE_DIR}/model/*.cpp" "${SOURCE_DIR}/model/*.h" "${SOURCE_DIR}/ui/*.cpp"
     "${SOURCE_DIR}/ui/*.h" "${SOURCE_DIR}/app/*.cpp" "${SOURCE_DIR}/app/*.h")
list(SORT sources)
execute_process(COMMAND "${AWK}" -f "${check}" ${sources} WORKING_DIRECTORY "${SOURCE_DIR}"
                OUTPUT_VARIABLE findings RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT findings STREQUAL "")
    message(FATAL_ERROR "source structure:\n${findings}")
endif()
