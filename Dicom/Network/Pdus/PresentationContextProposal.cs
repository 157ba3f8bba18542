namespace CloudFilm.Dicom.Network.Pdus;

/// <summary>
/// One presentation context offered in A-ASSOCIATE-RQ (PS3.8 9.3.2.2): an odd id, one abstract syntax and the
/// transfer syntaxes the requestor can use with it, in its order of preference.
/// </summary>
public sealed record PresentationContextProposal(byte Id, string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes);
