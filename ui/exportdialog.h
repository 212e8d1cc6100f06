#pragma once

#include "report/reportwriter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace bulkhead {

/** File → Export: the report format, what to include, page size and where to write it. */
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    using Format = ReportFormat;

    ExportDialog(const QString &suggestedPath, QWidget *parent = nullptr);

    Format format() const;
    ReportOptions options() const;
    QString path() const;

    /** The file suffix of a format, with its dot. */
    static QString suffixOf(Format format);

private:
    void browse();
    void followFormat();

    QComboBox *m_format;
    QCheckBox *m_mitigated;
    QCheckBox *m_notApplicable;
    QCheckBox *m_outOfScope;
    QComboBox *m_pageSize;
    QLineEdit *m_path;
};

} // namespace bulkhead
