#include "exportdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace bulkhead {

ExportDialog::ExportDialog(const QString &suggestedPath, QWidget *parent)
    : QDialog(parent)
    , m_format(new QComboBox(this))
    , m_mitigated(new QCheckBox(tr("Mitigated threats"), this))
    , m_notApplicable(new QCheckBox(tr("Not-applicable threats"), this))
    , m_outOfScope(new QCheckBox(tr("Out-of-scope elements"), this))
    , m_pageSize(new QComboBox(this))
    , m_path(new QLineEdit(suggestedPath, this))
{
    setWindowTitle(tr("Export Report"));
    m_format->addItem(tr("PDF report"), int(Format::Pdf));
    m_format->addItem(tr("HTML report (self-contained, printable)"), int(Format::Html));
    m_format->addItem(tr("Markdown report"), int(Format::Markdown));
    m_format->addItem(tr("CSV — one row per threat"), int(Format::Csv));
    m_format->addItem(tr("JSON — analysis and register"), int(Format::Json));
    m_format->addItem(tr("SARIF 2.1.0 — for code-scanning dashboards"), int(Format::Sarif));
    for (QCheckBox *box : {m_mitigated, m_notApplicable, m_outOfScope})
        box->setChecked(true);
    m_pageSize->addItem(tr("A4"), QStringLiteral("A4"));
    m_pageSize->addItem(tr("Letter"), QStringLiteral("Letter"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *where = new QHBoxLayout;
    where->addWidget(m_path, 1);
    where->addWidget(browse);

    auto *form = new QFormLayout(this);
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("Include"), m_mitigated);
    form->addRow(QString(), m_notApplicable);
    form->addRow(QString(), m_outOfScope);
    form->addRow(tr("Page size"), m_pageSize);
    form->addRow(tr("File"), where);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::followFormat);
    followFormat();
}

ExportDialog::Format ExportDialog::format() const
{
    return Format(m_format->currentData().toInt());
}

ReportOptions ExportDialog::options() const
{
    ReportOptions options;
    options.includeMitigated = m_mitigated->isChecked();
    options.includeNotApplicable = m_notApplicable->isChecked();
    options.includeOutOfScope = m_outOfScope->isChecked();
    options.pageSize = m_pageSize->currentData().toString().toStdString();
    return options;
}

QString ExportDialog::path() const
{
    return m_path->text().trimmed();
}

QString ExportDialog::suffixOf(Format format)
{
    switch (format) {
    case Format::Html:
        return QStringLiteral(".html");
    case Format::Markdown:
        return QStringLiteral(".md");
    case Format::Csv:
        return QStringLiteral(".csv");
    case Format::Json:
        return QStringLiteral(".json");
    case Format::Sarif:
        return QStringLiteral(".sarif");
    case Format::Pdf:
        return QStringLiteral(".pdf");
    }
    return {};
}

void ExportDialog::followFormat()
{
    // Options only shape the HTML and Markdown reports; the data formats carry every threat.
    const bool report = format() == Format::Html || format() == Format::Markdown
                        || format() == Format::Pdf;
    for (QWidget *w : std::initializer_list<QWidget *>{m_mitigated, m_notApplicable, m_outOfScope})
        w->setEnabled(report);
    m_pageSize->setEnabled(format() == Format::Html || format() == Format::Pdf);
    const QString current = path();
    if (!current.isEmpty()) {
        const QFileInfo info(current);
        QString stem = info.fileName();
        for (const QString &suffix :
             {QStringLiteral(".pdf"), QStringLiteral(".html"), QStringLiteral(".md"),
              QStringLiteral(".csv"), QStringLiteral(".json"), QStringLiteral(".sarif")}) {
            if (stem.endsWith(suffix)) {
                stem.chop(suffix.size());
                break;
            }
        }
        m_path->setText(info.dir().filePath(stem + suffixOf(format())));
    }
}

void ExportDialog::browse()
{
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export Report"), path());
    if (!chosen.isEmpty())
        m_path->setText(chosen);
}

} // namespace bulkhead
