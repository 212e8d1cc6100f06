# Readable git diffs (docs/ci.md): runs the setup lines of that section as written, in a fresh
# repository, and checks that git diff, git log -p and git show --ext-diff show the change.
# -DCLI=<bulkhead-cli> -DGIT=<git> -DSOURCE_DIR=<source tree> -DWORK_DIR=<scratch folder>

# The setup block: the sh lines between "## Readable git diffs" and the end of its first fence.
file(READ "${SOURCE_DIR}/docs/ci.md" doc)
string(FIND "${doc}" "## Readable git diffs" section)
if(section EQUAL -1)
    message(FATAL_ERROR "docs/ci.md has no \"Readable git diffs\" section")
endif()
string(SUBSTRING "${doc}" ${section} -1 doc)
string(FIND "${doc}" "```sh\n" fence)
string(SUBSTRING "${doc}" ${fence} -1 doc)
string(LENGTH "```sh\n" fenceLength)
string(SUBSTRING "${doc}" ${fenceLength} -1 doc)
string(FIND "${doc}" "```" fenceEnd)
string(SUBSTRING "${doc}" 0 ${fenceEnd} setup)
foreach(expected "diff=bulkhead" "diff.bulkhead.textconv" "diff.bulkhead.command")
    string(FIND "${setup}" "${expected}" found)
    if(found EQUAL -1)
        message(FATAL_ERROR "docs/ci.md setup lacks ${expected}:\n${setup}")
    endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
set(repo "${WORK_DIR}/repo")
file(MAKE_DIRECTORY "${repo}" "${WORK_DIR}/home")
# Nothing from the machine's git configuration; bulkhead-cli found on the PATH, as documented.
set(ENV{HOME} "${WORK_DIR}/home")
set(ENV{GIT_CONFIG_NOSYSTEM} "1")
set(ENV{GIT_AUTHOR_NAME} "Bulkhead test")
set(ENV{GIT_AUTHOR_EMAIL} "test@example.invalid")
set(ENV{GIT_COMMITTER_NAME} "Bulkhead test")
set(ENV{GIT_COMMITTER_EMAIL} "test@example.invalid")
set(ENV{GIT_PAGER} "cat")
get_filename_component(cliDir "${CLI}" DIRECTORY)
set(ENV{PATH} "${cliDir}:$ENV{PATH}")

function(run_checked output)
    execute_process(COMMAND ${ARGN} WORKING_DIRECTORY "${repo}" RESULT_VARIABLE result
                    OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "${ARGN} failed (${result}):\n${out}\n${err}")
    endif()
    set(${output} "${out}" PARENT_SCOPE)
endfunction()

function(expect text what)
    string(FIND "${text}" "${what}" found)
    if(found EQUAL -1)
        message(FATAL_ERROR "expected \"${what}\" in:\n${text}")
    endif()
endfunction()

function(refuse text what)
    string(FIND "${text}" "${what}" found)
    if(NOT found EQUAL -1)
        message(FATAL_ERROR "did not expect \"${what}\" in:\n${text}")
    endif()
endfunction()

run_checked(ignored "${GIT}" init -q)
run_checked(ignored sh -e -c "${setup}")
set(data "${SOURCE_DIR}/tests/data/diff")
file(COPY_FILE "${data}/base.bulkhead.json" "${repo}/shop.bulkhead.json")
run_checked(ignored "${GIT}" add .gitattributes shop.bulkhead.json)
run_checked(ignored "${GIT}" commit -q -m "first review")
file(COPY_FILE "${data}/element-renamed.bulkhead.json" "${repo}/shop.bulkhead.json")

# Uncommitted change: the external driver, with the threats.
run_checked(worktree "${GIT}" diff)
expect("${worktree}" "bulkhead diff a/shop.bulkhead.json b/shop.bulkhead.json")
expect("${worktree}" "~ element web-app: name \"Python web app\" → \"Django shop\"")
expect("${worktree}" "threats: 0 new, 0 resolved, 0 changed")
refuse("${worktree}" "\"geometry\"")

run_checked(ignored "${GIT}" commit -q -a -m "rename the app")
# History: textconv, line by line.
run_checked(history "${GIT}" log -p)
expect("${history}" "rename the app")
expect("${history}" "-  name: \"Python web app\"")
expect("${history}" "+  name: \"Django shop\"")
refuse("${history}" "\"geometry\"")
# The first commit adds the file: textconv of the whole model against nothing.
expect("${history}" "+element redis")

run_checked(shown "${GIT}" show --ext-diff HEAD)
expect("${shown}" "~ element web-app: name \"Python web app\" → \"Django shop\"")

# A deleted model goes through the driver with /dev/null for the new side.
run_checked(ignored "${GIT}" rm -q shop.bulkhead.json)
run_checked(deleted "${GIT}" diff --cached)
expect("${deleted}" "+++ /dev/null")
expect("${deleted}" "- element redis \"Redis cache\"")
message(STATUS "git diff, git log -p and git show --ext-diff are readable")
