/**
 * AutoComplete's answer to `POST /people` → what a delivery keeps: the
 * person's id, and their shopping link (`flow.flow_url`) once it passes the
 * contract's link rule, since it goes to the shopper's browser (the widget's
 * link, `onSuccess`) and to the dealer (`GET /v1/submissions`). A refused
 * link is not passed on, but the person exists at AutoComplete all the same:
 * the caller must record them and not create them again.
 */
import { checkVendorLink, type LinkMode } from '../../../../contract/links.ts';
import { RefusedLinkError } from '../../shared/errors.ts';
import type { PersonRecord } from '../schemas.ts';
import { VENDOR_NAME } from '../vendor.ts';

type CreatedPerson = { personId: string; flowUrl: string } | { personId: string; refused: RefusedLinkError };

/** `links`: the server's mode (https: only in live mode). */
export function fromCreatedPerson(created: PersonRecord, links: LinkMode): CreatedPerson {
  const checked = checkVendorLink(created.flow.flow_url, links);
  if (checked.ok) return { personId: created.id, flowUrl: checked.href };
  return { personId: created.id, refused: new RefusedLinkError(VENDOR_NAME, 'flow.flow_url', 'shopping link', checked.reason) };
}
