import { type TSchema } from '@sinclair/typebox';
import { type ValidateFunction } from 'ajv/dist/2020';
import { createProtocolAjv } from '../ajv';
import { toIssues } from '../issues';
import { type ValidationResult } from '../validate';
import { LibraryDocumentContent, LibrarySearchQuery, LibraryVersionContent } from './library';
import { SharingActionClaims } from './sharing-action';

let ajv: ReturnType<typeof createProtocolAjv> | undefined;

/** A validator compiled once, on first use, with the protocol's ajv (strict, all errors). */
export function validatorOf<T>(schema: TSchema): (value: unknown) => ValidationResult<T> {
  let validate: ValidateFunction | undefined;
  return (value) => {
    ajv ??= createProtocolAjv();
    validate ??= ajv.compile(schema);
    if (validate(value)) return { ok: true, value: value as T };
    return { ok: false, errors: toIssues(validate.errors, schema) };
  };
}

/** The payload of a verified `cicu-sharing-action+jws`. */
export const validateSharingAction = validatorOf<SharingActionClaims>(SharingActionClaims);
export const validateLibraryDocumentContent = validatorOf<LibraryDocumentContent>(LibraryDocumentContent);
export const validateLibraryVersionContent = validatorOf<LibraryVersionContent>(LibraryVersionContent);
export const validateLibrarySearchQuery = validatorOf<LibrarySearchQuery>(LibrarySearchQuery);
