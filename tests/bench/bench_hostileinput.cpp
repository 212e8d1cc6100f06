// Prints how long the model reader takes to refuse hostile input and how much memory it needs
// beyond the text itself. Usage: bench_hostileinput
// Each case runs in a child process, so that its peak memory is its own. Exits 1 when a refusal
// takes a second or more, or grows the peak by 64 MiB or more: nesting must be refused while
// parsing, before the document is built (60 MB of '[' once cost 4.4 GB and 13 s).

#include "io/modelreader.h"

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace bulkhead;

namespace {

constexpr double maxMilliseconds = 1000;
constexpr double maxGrowthMiB = 64;

double peakMiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

struct HostileCase
{
    const char *name;
    std::function<std::string()> make;
};

int measure(const HostileCase &hostile)
{
    const std::string text = hostile.make();
    const double before = peakMiB();
    const auto start = std::chrono::steady_clock::now();
    const auto loaded = readModelText(text, "hostile");
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const double growth = peakMiB() - before;
    const bool withinBudget = !loaded && ms < maxMilliseconds && growth < maxGrowthMiB;
    std::printf("%-40s | %4zu MB | refused in %7.1f ms | peak +%6.1f MiB%s\n", hostile.name, text.size() >> 20, ms,
                growth, withinBudget ? "" : "  ** over budget **");
    std::fflush(stdout);
    return withinBudget ? 0 : 1;
}

bool inChild(const HostileCase &hostile)
{
    const pid_t child = fork();
    if (child == 0)
        _exit(measure(hostile));
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace

int main()
{
    constexpr std::size_t sixtyMB = 60u << 20;
    const std::string header = "{\"format\": \"bulkhead-threat-model\", \"formatVersion\": 1, ";
    const std::vector<HostileCase> cases{
        {"60 MB of '['", [] { return std::string(sixtyMB, '['); }},
        {"60 MB of balanced brackets",
         [] { return std::string(sixtyMB / 2, '[') + std::string(sixtyMB / 2, ']'); }},
        {"60 MB of '{\"a\":'", [] {
             std::string text;
             text.reserve(sixtyMB);
             while (text.size() + 5 <= sixtyMB)
                 text += "{\"a\":";
             return text;
         }},
        {"10 MiB unknown key", [header] { return header + "\"" + std::string(10u << 20, 'k') + "\": 1}"; }},
    };
    bool ok = true;
    for (const HostileCase &hostile : cases)
        ok = inChild(hostile) && ok;
    return ok ? 0 : 1;
}
