#!/usr/bin/env bash
# Runs the CI recipes of docs/ci.md as written: reads the GitHub Actions workflow and the GitLab
# job out of the document, and runs their shell steps in a scratch git repository whose target
# branch holds the model's baseline, for a change that keeps the threats (the gate passes), one
# that adds a service (it fails with exit 3, naming the new threats) and a model new on the
# branch (no baseline: every open high threat fails).
#
# The steps that post the Markdown diff run only with BULKHEAD_CI_TEST_DIFF=1 (set in
# tests/CMakeLists.txt once `bulkhead-cli diff` exists); gh and curl are stand-ins that record
# what they were asked to post.
#
# Usage: run-ci-recipes.sh BULKHEAD_CLI SOURCE_DIR
set -euo pipefail

cli=$(realpath "$1")
source_dir=$(realpath "$2")
doc="$source_dir/docs/ci.md"
example="$source_dir/examples/compose-web-app.bulkhead.json"
with_diff=${BULKHEAD_CI_TEST_DIFF:-0}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# --- The recipes, as the document gives them --------------------------------------------------

# The fenced yaml block after the marker <!-- ci-recipe: NAME -->.
recipe() {
    awk -v marker="<!-- ci-recipe: $1 -->" '
        $0 == marker { found = 1; next }
        found && /^```yaml/ { inside = 1; next }
        inside && /^```/ { exit }
        inside { print }
    ' "$doc"
}

# GitHub Actions: each `run: |` block of the workflow, as one script, separated by a line
# "#step NAME" (NAME from the step's "- name:"). Steps that use an action are not shell steps.
github_steps() {
    recipe github | awk '
        function indent(line) { match(line, /^ */); return RLENGTH }
        /^ *- name: / { name = $0; sub(/^ *- name: /, "", name) }
        block && (NF == 0 || indent($0) > block) { sub("^" pad, ""); print; next }
        block { block = 0 }
        /^ *run: \|$/ { block = indent($0); pad = sprintf("%" block + 2 "s", ""); print "#step " name }
    '
}

# A GitLab list (script: or after_script:), one shell command per line: a "- >" item is folded
# onto one line, as YAML folds it.
gitlab_list() {
    recipe gitlab | awk -v key="$1:" '
        function flush() { if (item != "") print item; item = "" }
        $1 == key { inside = 1; next }
        inside && /^  [a-z_]+:/ { flush(); exit }
        inside && /^    - >$/ { flush(); folding = 1; next }
        inside && /^    - / { flush(); folding = 0; item = $0; sub(/^    - /, "", item); next }
        inside && folding && /^      / { line = $0; sub(/^ +/, "", line); item = item (item == "" ? "" : " ") line; next }
        END { flush() }
    '
}

github_steps > "$scratch/github-steps.sh"
gitlab_list script > "$scratch/gitlab-script.sh"
gitlab_list after_script > "$scratch/gitlab-after-script.sh"
grep -q '^#step Fail on new high threats$' "$scratch/github-steps.sh" || fail "no gate step in the GitHub recipe"
grep -q 'bulkhead-cli analyze .*--baseline' "$scratch/gitlab-script.sh" || fail "no gate command in the GitLab recipe"
grep -q 'bulkhead-cli diff' "$scratch/gitlab-after-script.sh" || fail "no diff command in the GitLab recipe"

# --- A repository whose target branch holds the baseline ----------------------------------------

mkdir -p "$scratch/bin" "$scratch/home"
ln -s "$cli" "$scratch/bin/bulkhead-cli"
for tool in gh curl; do
    printf '#!/bin/sh\necho "%s $*" >> "$POSTED"\n' "$tool" > "$scratch/bin/$tool"
    chmod +x "$scratch/bin/$tool"
done
export PATH="$scratch/bin:$PATH" HOME="$scratch/home" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.invalid
export GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.invalid

# The example model edited with perl's core JSON module: $1 is the Perl code run on $m.
edit_model() {
    perl -MJSON::PP -e '
        local $/; my $m = JSON::PP->new->decode(<STDIN>);
        '"$1"'
        print JSON::PP->new->canonical->pretty->encode($m);' < "$example"
}

# Makes a clone whose origin/main holds `base` (empty: no model on main) and whose working tree
# holds `head` at threat-model/app.bulkhead.json.
make_repository() {
    local name=$1 base=$2 head=$3
    local origin="$scratch/$name-origin.git" work="$scratch/$name"
    git init --quiet --bare --initial-branch=main "$origin"
    git clone --quiet "$origin" "$work" 2> /dev/null
    mkdir -p "$work/threat-model"
    echo "# $name" > "$work/README.md"
    git -C "$work" add README.md
    if [ -n "$base" ]; then
        cp "$base" "$work/threat-model/app.bulkhead.json"
        git -C "$work" add threat-model
    fi
    git -C "$work" commit --quiet -m baseline
    git -C "$work" push --quiet origin main
    git -C "$work" checkout --quiet -b change
    cp "$head" "$work/threat-model/app.bulkhead.json"
    git -C "$work" add threat-model
    git -C "$work" commit --quiet -m change
}

edit_model '$m->{model}{description} .= " Reviewed again.";' > "$scratch/reworded.json"
edit_model '
    $m->{elements} = [grep { $_->{id} ne "nginx" } @{$m->{elements}}];
    $m->{flows} = [grep { $_->{source} ne "nginx" && $_->{target} ne "nginx" } @{$m->{flows}}];
' > "$scratch/without-nginx.json"

# --- Running the recipes --------------------------------------------------------------------------

# Runs the GitHub steps in `work`, as the runner does (bash -e, pipefail); the diff step only
# with BULKHEAD_CI_TEST_DIFF=1. Prints "NAME=STATUS" per step into `work`/statuses.
run_github() {
    local work=$1 name="" script=""
    : > "$work/statuses"
    run_step() {
        [ -n "$name" ] || return 0
        if [[ $script == *"bulkhead-cli diff"* && $with_diff != 1 ]]; then
            echo "$name=skipped" >> "$work/statuses"
            return 0
        fi
        local status=0
        (cd "$work" && GITHUB_BASE_REF=main GH_TOKEN=token PR_NUMBER=7 POSTED="$work/posted" \
            bash --noprofile --norc -eo pipefail -c "$script") > "$work/$name.out" 2> "$work/$name.err" || status=$?
        echo "$name=$status" >> "$work/statuses"
    }
    while IFS= read -r line; do
        if [[ $line == "#step "* ]]; then
            run_step
            name=${line#\#step }
            script=""
        else
            script+="$line"$'\n'
        fi
    done < "$scratch/github-steps.sh"
    run_step
}

# Runs the GitLab job's script, then its after_script (the diff: only with
# BULKHEAD_CI_TEST_DIFF=1), each as one shell, as the runner does. The script's exit status
# goes to gitlab_status.
gitlab_status=
run_gitlab() {
    local work=$1 status=0
    local env=(CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main CI_API_V4_URL=https://gitlab.invalid/api/v4
               CI_PROJECT_ID=3 CI_MERGE_REQUEST_IID=7 BULKHEAD_NOTE_TOKEN=token POSTED="$work/posted")
    (cd "$work" && env "${env[@]}" bash --noprofile --norc -eo pipefail "$scratch/gitlab-script.sh") \
        > "$work/gitlab.out" 2> "$work/gitlab.err" || status=$?
    if [ "$with_diff" = 1 ]; then
        (cd "$work" && env "${env[@]}" bash --noprofile --norc -eo pipefail "$scratch/gitlab-after-script.sh") \
            > "$work/gitlab-after.out" 2> "$work/gitlab-after.err" || fail "$work: GitLab after_script failed: $(cat "$work/gitlab-after.err")"
    fi
    gitlab_status=$status
}

expect_status() {
    local work=$1 step=$2 expected=$3
    local actual
    actual=$(grep -F "$step=" "$work/statuses" | cut -d= -f2)
    [ "$actual" = "$expected" ] || fail "$work: step \"$step\" exited ${actual:-?}, expected $expected: $(cat "$work/$step.err" 2> /dev/null)"
}

# Every result of the SARIF has a baseline state and a fingerprint; `state` among them.
expect_sarif() {
    local file=$1 state=$2
    [ -s "$file" ] || { fail "$file was not written"; return; }
    local results states fingerprints
    results=$(grep -c '"ruleId"' "$file" || true)
    states=$(grep -c '"baselineState"' "$file" || true)
    fingerprints=$(grep -c '"bulkheadThreatId/v1"' "$file" || true)
    [ "$results" -gt 0 ] && [ "$results" = "$states" ] && [ "$results" = "$fingerprints" ] \
        || fail "$file: $results results, $states baseline states, $fingerprints fingerprints"
    grep -q "\"baselineState\": \"$state\"" "$file" || fail "$file: no result is $state"
}

# One change run through both recipes: `gate` is the gate's expected exit status, `state` a
# baseline state the SARIF must show.
check_case() {
    local name=$1 base=$2 head=$3 gate=$4 state=$5
    make_repository "$name-github" "$base" "$head"
    run_github "$scratch/$name-github"
    local work="$scratch/$name-github"
    expect_status "$work" "Baseline from the target branch" 0
    expect_status "$work" "Fail on new high threats" "$gate"
    expect_sarif "$work/bulkhead.sarif" "$state"
    if [ "$gate" = 3 ]; then
        grep -q -- "--fail-on-new high: .* new or worse since base.bulkhead.json" "$work/Fail on new high threats.err" \
            || fail "$work: the gate did not say which threats failed it"
    fi
    if [ "$with_diff" = 1 ] && [ -n "$base" ]; then
        expect_status "$work" "Comment the model diff" 0
    fi

    make_repository "$name-gitlab" "$base" "$head"
    work="$scratch/$name-gitlab"
    run_gitlab "$work"
    [ "$gitlab_status" = "$gate" ] || fail "$work: the GitLab script exited $gitlab_status, expected $gate: $(cat "$work/gitlab.err")"
    expect_sarif "$work/gl-bulkhead.sarif" "$state"
}

check_case reworded "$example" "$scratch/reworded.json" 0 unchanged
check_case new-service "$scratch/without-nginx.json" "$example" 3 new
check_case new-model "" "$example" 3 new

grep -q "IMG-01@nginx" "$scratch/new-service-github/Fail on new high threats.err" \
    || fail "the new service's critical threat was not named"
if [ "$with_diff" = 1 ]; then
    grep -q "^gh pr comment 7 --body-file model-diff.md" "$scratch/new-service-github/posted" \
        || fail "the GitHub recipe did not comment the diff"
    grep -q "^curl .*merge_requests/7/notes" "$scratch/new-service-gitlab/posted" \
        || fail "the GitLab recipe did not post the diff"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures recipe check(s) failed" >&2
    exit 1
fi
echo "docs/ci.md recipes: all checks passed (diff steps $([ "$with_diff" = 1 ] && echo run || echo skipped))"
