#include "clirunner.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace bulkhead::test {

CliResult runProgram(const QString &program, const QStringList &arguments,
                     const CliRunOptions &options)
{
    QProcess process;
    if (!options.workingDirectory.isEmpty())
        process.setWorkingDirectory(options.workingDirectory);
    if (!options.standardOutputFile.isEmpty())
        process.setStandardOutputFile(options.standardOutputFile);
    if (!options.environment.empty()) {
        QProcessEnvironment variables = QProcessEnvironment::systemEnvironment();
        for (const auto &[name, value] : options.environment)
            variables.insert(QString::fromStdString(name), QString::fromStdString(value));
        process.setProcessEnvironment(variables);
    }
    if (options.childSetup)
        process.setChildProcessModifier(options.childSetup);
    process.start(program, arguments);
    if (!process.waitForFinished(120000)) {
        process.kill(); // a writer blocked on a FIFO, say
        process.waitForFinished();
        return {};
    }
    CliResult result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace bulkhead::test
