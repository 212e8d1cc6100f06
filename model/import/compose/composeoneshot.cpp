#include "import/compose/composeoneshot.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>

namespace bulkhead {

namespace {

/**
 * The condition of a depends_on entry when it waits for the service to complete
 * (service_completed_successfully), for the report to point at; nullptr otherwise.
 */
const YamlNode *completionCondition(const YamlNode &entry)
{
    const YamlNode *condition = entry.isMapping() ? entry.find("condition") : nullptr;
    return condition && condition->isScalar()
                   && condition->scalar == "service_completed_successfully"
               ? condition
               : nullptr;
}

/** Whether Compose or Swarm would start the service again after it exits 0. */
bool restartedAfterSuccess(const ComposeService &service)
{
    if (const YamlNode *restart = service.node->find("restart"); restart && restart->isScalar())
        if (restart->scalar == "always" || restart->scalar == "unless-stopped")
            return true;
    const YamlNode *deploy = service.node->find("deploy");
    const YamlNode *policy = deploy && deploy->isMapping() ? deploy->find("restart_policy")
                                                           : nullptr;
    if (!policy || !policy->isMapping())
        return false;
    const YamlNode *condition = policy->find("condition");
    // Swarm's default condition is "any": it restarts a task that completed.
    return !condition || !condition->isScalar() || condition->scalar == "any";
}

std::string_view trimmed(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n'\"");
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n'\"") - first + 1);
}

/** The script of `sh -c SCRIPT` (or bash, ash, with -e, -x… beside c), else empty. */
std::string shellScript(const std::vector<std::string> &words)
{
    static constexpr std::array shells{"sh",       "bash",      "ash",           "dash",
                                       "/bin/sh",  "/bin/bash", "/usr/bin/bash", "/bin/ash",
                                       "/bin/dash"};
    if (words.size() < 3
        || std::find(shells.begin(), shells.end(), std::string_view(words[0])) == shells.end()
        || !words[1].starts_with("-") || words[1].find('c') == std::string::npos)
        return {};
    std::string script;
    for (std::size_t i = 2; i < words.size(); ++i)
        script += (script.empty() ? "" : " ") + words[i];
    return script;
}

/** Whether a script ends by printing or exiting, and nothing in it keeps it running. */
bool finiteScript(const std::string &script)
{
    static constexpr std::array forever{"while true", "while :", "while [ 1 ]", "tail -f",
                                        "sleep infinity"};
    if (std::any_of(forever.begin(), forever.end(), [&](std::string_view marker) {
            return script.find(marker) != std::string::npos;
        }))
        return false;
    std::string_view last;
    std::string_view rest = script;
    while (!rest.empty()) {
        const auto end = rest.find_first_of(";\n");
        const std::string_view step = trimmed(rest.substr(0, end));
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
        if (step.empty())
            continue;
        // exec hands the process to another program (a server); wait blocks on children.
        if (step.starts_with("exec ") || step == "wait" || step.starts_with("wait "))
            return false;
        last = step;
    }
    if (last.ends_with("&"))
        return false;
    static constexpr std::array endings{"echo ", "printf ", "exit", "true"};
    return std::any_of(endings.begin(), endings.end(),
                       [&](std::string_view ending) { return last.starts_with(ending); });
}

} // namespace

bool replacesImageProgram(const ComposeService &service)
{
    return !service.entrypoint.empty()
           || (!service.command.empty() && !service.command.front().starts_with("-"));
}

void markOneShotServices(ComposeInput &input, std::vector<ComposeService> &services)
{
    // Who waits for whom, from one pass over every depends_on: a project with thousands of
    // services must not compare each with each (tst_importbudgets). The first waiter, in the
    // file's order, is the one reported.
    std::map<std::string, std::pair<const ComposeService *, const YamlNode *>, std::less<>>
        waitedFor;
    for (const ComposeService &waiter : services) {
        const YamlNode *dependsOn = waiter.node->find("depends_on");
        if (!dependsOn || !dependsOn->isMapping())
            continue;
        std::set<std::string_view> seen;
        for (const auto &[name, entry] : dependsOn->entries)
            // A key written twice: the first one counts, as YamlNode::find reads it.
            if (seen.insert(name).second)
                if (const YamlNode *condition = completionCondition(entry))
                    waitedFor.emplace(name, std::make_pair(&waiter, condition));
    }
    for (ComposeService &service : services) {
        if (const auto it = waitedFor.find(service.name); it != waitedFor.end()) {
            service.properties["oneShot"] = true;
            input.mapped(*it->second.second, "service " + service.name
                                                 + " runs to completion and exits: service "
                                                 + it->second.first->name
                                                 + " waits for it (depends_on condition "
                                                   "service_completed_successfully): oneShot yes");
        }
        if (service.properties.count("oneShot") || restartedAfterSuccess(service))
            continue;
        // With an entrypoint set, the command is its arguments (entrypoint: [sh, -c]).
        const bool fromEntrypoint = !service.entrypoint.empty();
        std::vector<std::string> words = service.entrypoint;
        words.insert(words.end(), service.command.begin(), service.command.end());
        const std::string script = shellScript(words);
        if (script.empty() || !finiteScript(script))
            continue;
        service.properties["oneShot"] = true;
        const YamlNode *at = service.node->find(fromEntrypoint ? "entrypoint" : "command");
        input.mapped(at ? *at : *service.node,
                     "service " + service.name + " runs to completion and exits: its "
                         + (fromEntrypoint ? "entrypoint" : "command")
                         + " is a shell script whose last step prints or exits, and no restart "
                           "policy starts it again: oneShot yes");
    }
}

} // namespace bulkhead
