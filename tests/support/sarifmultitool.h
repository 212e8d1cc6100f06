#pragma once

// Microsoft's SARIF Multitool (installed by scripts/setup), for tests that check the SARIF
// bulkhead-cli writes.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace bulkhead::test {

/** What the Multitool said about one SARIF file. */
struct SarifCheck
{
    /** Set when the validator could not be run or its log not read. */
    QString failure;
    int errors = 0;
    int warnings = 0;
    int notes = 0;
    /** The errors and warnings, one line each. */
    QStringList findings;

    /**
     * The Multitool reports nothing at all (and exits 0) for some invalid logs, e.g. a result
     * whose level is "bogus": only a log it said something about was demonstrably analysed.
     * Our logs always draw notes (rule names are not Pascal-case, messages are plain text).
     */
    bool analysed() const { return failure.isEmpty() && errors + warnings + notes > 0; }
    bool passed() const { return analysed() && errors == 0 && warnings == 0; }
    QString summary() const
    {
        if (!failure.isEmpty())
            return failure;
        return QStringLiteral("%1 errors, %2 warnings, %3 notes%4").arg(errors).arg(warnings).arg(notes)
            .arg(findings.isEmpty() ? QString() : QStringLiteral(":\n  ") + findings.mid(0, 12).join(QStringLiteral("\n  ")));
    }
};

/** Where scripts/setup installs the Multitool, unless BULKHEAD_SARIF_MULTITOOL names another one. */
QString multitoolPath();

/**
 * A finding's effective level (SARIF 2.1.0 §3.27.10): its own "level", else its rule's
 * defaultConfiguration.level, else "warning". The Multitool leaves the level out of some
 * findings (SARIF2017), so reading only "level" would miss them.
 */
QString effectiveLevel(const QJsonObject &result, const QJsonArray &rules);

/** Runs the Multitool's validate on `file`, its log written in `scratch`. */
SarifCheck validateSarif(const QString &file, const QString &scratch);

} // namespace bulkhead::test
