import { detectLanguage } from './language';

describe('detectLanguage', () => {
  it('reads Arabic copy as Arabic', () => {
    expect(detectLanguage('عقد رئيس الوزراء العراقي محمد شياع السوداني محادثات مع علي لاريجاني في بغداد يوم الاثنين')).toBe('ar');
  });

  it('tells Persian and Urdu from Arabic by the letters Arabic does not use', () => {
    expect(detectLanguage('رئیس جمهور ایران روز دوشنبه با نخست وزیر عراق در بغداد دیدار کرد')).toBe('fa');
    expect(detectLanguage('پاکستان کے وزیر اعظم نے بدھ کو بغداد کا دورہ کیا')).toBe('ur');
  });

  it('reads wire English, headline or body, as English', () => {
    expect(detectLanguage('US Forces Withdraw from Iraq Air Base as Part of Redeployment Plan')).toBe('en');
    expect(
      detectLanguage('US troops with the coalition fighting ISIS in Iraq on Thursday officially handed over the Qayyarah air base to the Iraqi military as part of their redeployment plan in the country.'),
    ).toBe('en');
  });

  it('tells Latin-script languages apart by their common words', () => {
    expect(detectLanguage('Le Premier ministre irakien a reçu le chef de la sécurité iranienne dans la capitale pour des entretiens.')).toBe('fr');
    expect(detectLanguage('El primer ministro iraquí recibió al jefe de seguridad iraní en la capital para una reunión.')).toBe('es');
    expect(detectLanguage('Der irakische Ministerpräsident hat den iranischen Sicherheitschef in der Hauptstadt empfangen und mit ihm gesprochen.')).toBe('de');
  });

  it('reads other scripts by the script', () => {
    expect(detectLanguage('Премьер-министр Ирака провёл переговоры с секретарём совета безопасности Ирана в Багдаде, и это было важно.')).toBe('ru');
    expect(detectLanguage('Ο πρωθυπουργός του Ιράκ συναντήθηκε με τον Ιρανό αξιωματούχο')).toBe('el');
    expect(detectLanguage('伊拉克总理在巴格达会见了伊朗最高国家安全委员会秘书')).toBe('zh');
    expect(detectLanguage('イラクの首相はバグダッドでイランの安全保障担当高官と会談した')).toBe('ja');
  });

  it('says nothing rather than guess for text too short or too mixed to tell', () => {
    expect(detectLanguage('AFP')).toBeUndefined();
    expect(detectLanguage('')).toBeUndefined();
    expect(detectLanguage('Qayyarah Mosul Baghdad Nineveh Zurfi Larijani')).toBeUndefined();
    expect(detectLanguage('Baghdad talks بغداد محادثات Larijani لاريجاني')).toBeUndefined();
  });
});
