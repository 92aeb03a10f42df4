/**
 * Which inputs the program gave, recorded in each resource's outputs so a refresh reports only those as inputs.
 *
 * The dynamic-provider host hands `read` the outputs alone, never the inputs. Outputs also hold what Okta sets by
 * itself (a user's `realmId` and `typeId`), so without this record a refresh would report those as inputs, and the
 * next `up --diff` would show them as removed although nothing is sent for them (docs/pulumi-engine.md#refresh-inputs).
 * The key starts with `__`, which the engine leaves out of every diff it displays.
 */

type Props = Record<string, any>;

export const GIVEN_INPUTS = "__inputs";

/** `outs` with the names of the inputs `desired` sets (schema defaults included, as `check` records them). */
export function recordGivenInputs(outs: Props, desired: Props): Props {
    const given = Object.keys(desired).filter((key) => desired[key] !== undefined && !key.startsWith("__")).sort();
    return { ...outs, [GIVEN_INPUTS]: given };
}

/** The inputs a refresh reports: only those the program gave, when the state says which (older states do not). */
export function givenInputsOnly(inputs: Props, state: Props): Props {
    const given = state[GIVEN_INPUTS];
    if (!Array.isArray(given)) {
        return inputs;
    }
    return Object.fromEntries(Object.entries(inputs).filter(([key]) => given.includes(key)));
}

/** State without the record, as handlers expect it. */
export function withoutGivenInputs(props: Props): Props {
    const { [GIVEN_INPUTS]: _ignored, ...rest } = props;
    return rest;
}
