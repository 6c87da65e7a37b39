// The licence provider seam: where the gateway finds 电子证照. A province plugs in its 电子证照库 by
// implementing LicenceProvider (e.g. over the provincial data-sharing exchange) and passing it to
// startGateway({ licenceProvider }); the built-in provider reads the `licences` table an administrator loads
// with `licences import` (loader.ts, docs/licences.md).
import type pg from 'pg';
import type { LicenceRecord, LicenceStatus, SignatureState } from '@tongban/protocol/licences/licences';

/** One lookup as a provider sees it: licences of these types held by these holders (ID numbers / USCCs). */
export interface ProviderQuery {
  licenceTypes: string[];
  holderIds: string[];
}

/** A source of electronic licences. */
export interface LicenceProvider {
  /** Shown to the window and recorded with the case, e.g. 'gateway-table' or '四川省电子证照库'. */
  readonly name: string;
  /**
   * The licences of `holderIds` of the given types, each with its issuer-signature check where the provider
   * made one (absent: unverified); throws when the source cannot answer (→ 503 at the route). */
  lookup(query: ProviderQuery): Promise<LicenceRecord[]>;
}

/** The provider could not answer (the route answers 503 licence-provider-unavailable; the window falls back to paper). */
export class ProviderUnavailableError extends Error {}

interface LicenceRow {
  licence_type: string;
  type_name: string;
  number: string;
  holder_name: string;
  holder_id: string;
  issuer: string;
  issued_on: string;
  valid_until: string | null;
  status: LicenceStatus;
  issuer_signature: string | null;
  signature_state: SignatureState;
}

/** The built-in provider: the `licences` table. */
export class TableLicenceProvider implements LicenceProvider {
  readonly name = 'gateway-table';

  constructor(private readonly pool: pg.Pool) {}

  async lookup(query: ProviderQuery): Promise<LicenceRecord[]> {
    let rows: LicenceRow[];
    try {
      ({ rows } = await this.pool.query<LicenceRow>({
        name: 'licence-lookup',
        text: `SELECT licence_type, type_name, number, holder_name, holder_id, issuer,
                      to_char(issued_on, 'YYYY-MM-DD') AS issued_on, to_char(valid_until, 'YYYY-MM-DD') AS valid_until,
                      status, issuer_signature, signature_state
               FROM licences WHERE holder_id = ANY($1) AND licence_type = ANY($2)
               ORDER BY licence_type, status = 'valid' DESC, issued_on DESC, number
               LIMIT 50`,
        values: [query.holderIds, query.licenceTypes],
      }));
    } catch (err) {
      throw new ProviderUnavailableError(`licence table: ${(err as Error).message}`);
    }
    return rows.map((r) => ({
      licenceType: r.licence_type,
      typeName: r.type_name,
      number: r.number,
      holderName: r.holder_name,
      holderId: r.holder_id,
      issuer: r.issuer,
      issuedOn: r.issued_on,
      validUntil: r.valid_until,
      status: r.status,
      issuerSignature: r.issuer_signature,
      signatureState: r.signature_state,
    }));
  }
}
