#pragma once

#include <QByteArrayView>
#include <QString>
#include <QTranslator>

namespace bulkhead::testing {

/**
 * Translates every text of the shared display names (context "DisplayNames") to "[source]" and
 * nothing else, so a test can tell a translated display name from one that bypassed tr().
 */
class BracketTranslator : public QTranslator
{
public:
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        if (QByteArrayView(context) != "DisplayNames")
            return {};
        return QStringLiteral("[%1]").arg(QString::fromUtf8(source));
    }
    bool isEmpty() const override { return false; }
};

} // namespace bulkhead::testing
