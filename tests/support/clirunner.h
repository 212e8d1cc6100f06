#pragma once

#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <string>

namespace bulkhead::test {

/** How a command-line program ended and what it printed. */
struct CliResult
{
    /** The exit status; -2 when it crashed, -1 when it did not finish within two minutes. */
    int exitCode = -1;
    QString out;
    QString err;
};

struct CliRunOptions
{
    /** Where the program runs; empty: the test's own working directory. */
    QString workingDirectory;
    /** Standard output goes here instead of to the result. */
    QString standardOutputFile;
    /** Variables set for the program on top of the test's own environment. */
    std::map<std::string, std::string> environment;
    /** Runs in the child before exec: drop privileges, set resource limits. */
    std::function<void()> childSetup;
};

/**
 * Runs `program` with `arguments` and waits for it, at most two minutes: a program that hangs
 * (a writer blocked on a FIFO, say) is killed and reported with exit code -1.
 */
CliResult runProgram(const QString &program, const QStringList &arguments,
                     const CliRunOptions &options = {});

} // namespace bulkhead::test
