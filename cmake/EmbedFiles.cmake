# bulkhead_embed_files(OUTPUT <cpp> FUNCTION <name> FILES <file>...)
# Generates a C++ source defining `const std::vector<EmbeddedFile> &<name>()` that returns the
# files' bytes, so built-in data never depends on the working directory or an install prefix.
# The source is regenerated whenever one of the files changes.
function(bulkhead_embed_files)
    cmake_parse_arguments(ARG "" "OUTPUT;FUNCTION;HEADER" "FILES" ${ARGN})
    add_custom_command(
        OUTPUT "${ARG_OUTPUT}"
        COMMAND "${CMAKE_COMMAND}"
                "-DOUTPUT=${ARG_OUTPUT}" "-DFUNCTION=${ARG_FUNCTION}" "-DHEADER=${ARG_HEADER}"
                "-DFILES=${ARG_FILES}"
                -P "${CMAKE_SOURCE_DIR}/cmake/embed_files_script.cmake"
        DEPENDS ${ARG_FILES} "${CMAKE_SOURCE_DIR}/cmake/embed_files_script.cmake"
        COMMENT "Embedding ${ARG_FUNCTION} data"
        VERBATIM)
endfunction()
