// Prints load, analysis and output times and peak memory for synthetic deployments.
// Usage: bench_analysis [ELEMENTS...]   (default: 1000 10000 100000)
// Each size and phase runs in a child process so that its peak memory is its own.

#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "io/modelreader.h"
#include "io/modelwriter.h"
#include "report/analysisexport.h"
#include "syntheticdeployment.h"

#include <chrono>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace bulkhead;

namespace {

double millisecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

template<typename F>
double bestOf(int runs, F &&f)
{
    double best = 1e300;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        f();
        best = std::min(best, millisecondsSince(start));
    }
    return best;
}

/** A stream buffer that discards what it is given and counts the bytes. */
struct CountingBuffer : std::streambuf
{
    std::uint64_t count = 0;
    std::streamsize xsputn(const char *, std::streamsize n) override
    {
        count += static_cast<std::uint64_t>(n);
        return n;
    }
    int_type overflow(int_type c) override
    {
        ++count;
        return c;
    }
};

double peakMiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

/** Loading a saved model: the JSON text parsed and read into a ThreatModel. */
int measureLoad(std::size_t size)
{
    std::string text = writeModelText(bench::makeSyntheticDeployment(size));
    const int runs = size >= 100000 ? 3 : 5;
    const double loadMs = bestOf(runs, [&] {
        auto loaded = readModelText(text, "synthetic");
        if (!loaded) {
            std::fprintf(stderr, "%s\n", loaded.error().c_str());
            std::exit(1);
        }
    });
    std::printf("%9zu elements | load %8.1f ms (%zu MB file) | peak %6.0f MiB\n", size, loadMs,
                text.size() >> 20, peakMiB());
    std::fflush(stdout);
    return 0;
}

/** Analysing a model in memory, then writing the analysis as JSON. */
int measureAnalysis(std::size_t size)
{
    const Catalog &catalog = builtInCatalog();
    const ThreatModel model = bench::makeSyntheticDeployment(size);
    const int runs = size >= 100000 ? 3 : 5;
    AnalysisResult result;
    const double analysisMs = bestOf(runs, [&] {
        result = {}; // one result alive at a time, as in the CLI
        result = analyzeModel(model, catalog);
    });
    // The report is streamed to a sink that only counts: a 100k-element report runs to
    // gigabytes, and writing it is what the CLI does too.
    CountingBuffer counter;
    std::ostream sink(&counter);
    const double outputMs = bestOf(runs, [&] {
        counter.count = 0;
        writeAnalysisJson(sink, result, model, catalog);
    });
    std::printf("%9zu elements %9zu flows %9zu threats | analysis %8.1f ms | json %8.1f ms "
                "(%zu MB) | peak %6.0f MiB\n",
                model.elements().size(), model.flows().size(), result.threats.size(), analysisMs,
                outputMs, static_cast<std::size_t>(counter.count >> 20), peakMiB());
    std::fflush(stdout);
    return 0;
}

template<typename F>
bool inChild(F &&f)
{
    const pid_t child = fork();
    if (child == 0)
        _exit(f());
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::size_t> sizes;
    for (int i = 1; i < argc; ++i)
        sizes.push_back(std::strtoull(argv[i], nullptr, 10));
    if (sizes.empty())
        sizes = {1000, 10000, 100000};
    std::printf("catalog: %zu threats, %zu mitigations; best of 3-5 runs each\n",
                builtInCatalog().threats().size(), builtInCatalog().mitigations().size());
    std::fflush(stdout);
    for (const std::size_t size : sizes) {
        // Separate processes, so that each phase's peak memory is its own.
        if (!inChild([&] { return measureAnalysis(size); }) || !inChild([&] { return measureLoad(size); }))
            return 1;
    }
    return 0;
}
